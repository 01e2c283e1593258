package dev.converge.transport;

/** Local connections run here; SSH connections go through the SSH transport. */
public final class DefaultTransports implements Transports, AutoCloseable {

    @Override
    public Transport open(ConnectionSpec spec) throws TransportException {
        if (spec.isLocal()) {
            return new LocalTransport();
        }
        throw new TransportException(TransportException.Kind.UNREACHABLE, "the SSH transport is not available in this build");
    }

    @Override
    public void close() {}
}
