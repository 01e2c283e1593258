package dev.converge.secret;

/**
 * An unexpected exception whose message (and its causes' messages) had secret values in it:
 * the same failure, with the messages masked and the stack trace kept, the causes folded in.
 */
public final class MaskedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private MaskedException(String message) {
        super(message);
    }

    public static MaskedException of(Throwable original, Secrets secrets) {
        StringBuilder text = new StringBuilder(secrets.mask(String.valueOf(original)));
        for (Throwable cause = original.getCause();
                cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            text.append("\n  caused by: ").append(secrets.mask(String.valueOf(cause)));
        }
        MaskedException masked = new MaskedException(text.toString());
        masked.setStackTrace(original.getStackTrace());
        return masked;
    }
}
