package dev.converge.modules.support;

import dev.converge.spi.Change;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Modes;
import dev.converge.spi.Operation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns an in-place text edit of one file into a {@link Change}: the shared tail of every module
 * that edits a line-oriented file.
 *
 * <p>An existing file is rewritten whole (the engine writes it atomically) with empty
 * mode/owner/group, i.e. its attributes are kept. A missing file is created only when the
 * resource allows it; otherwise the plan fails loudly on apply (see {@link Failure}).
 */
public final class FileEdit {
    /** Mode of files this engine creates when the resource gives none. */
    public static final String DEFAULT_MODE = "0644";

    private FileEdit() {}

    /**
     * Attributes for a file the resource may create; {@code create=false} means it must exist.
     *
     * @param whenMissing what the failure for a missing file advises (the module's own way to get it)
     */
    public record Creation(boolean create, String mode, String owner, String group, String whenMissing) {
        /** A module that never creates the file and has no parameter to ask for it. */
        public static final Creation NEVER = new Creation(
                false, "", "", "", "this resource does not create it: create it first, e.g. with a file resource");

        /** A module with a {@code create} parameter. */
        public Creation(boolean create, String mode, String owner, String group) {
            this(create, mode, owner, group, "set create: true to create it");
        }
    }

    /**
     * Plans the edit of {@code file}.
     *
     * @param edit the pure text edit (gets {@code ""} for a file that is about to be created)
     * @param fields report fields of the edit (only used when something changes)
     */
    public static Change plan(
            FileInfo file, UnaryOperator<String> edit, Creation creation, List<Change.FieldChange> fields) {
        String path = file.path();
        if (file.kind() == FileInfo.Kind.ABSENT) {
            String created = edit.apply("");
            if (created.isEmpty()) {
                return Change.none();
            }
            if (!creation.create()) {
                return Failure.change(path + ": no such file (" + creation.whenMissing() + ")");
            }
            String mode = creation.mode().isEmpty() ? DEFAULT_MODE : Modes.normalize(creation.mode());
            return Change.of(
                    List.of(Operation.WriteFile.replacing(
                            file, bytes(created), mode, creation.owner(), creation.group())),
                    fields);
        }
        if (file.kind() != FileInfo.Kind.FILE) {
            return Failure.change(
                    path + ": not a regular file (" + file.kind().name().toLowerCase() + ")");
        }
        Optional<String> before = decode(file.content());
        if (before.isEmpty()) {
            return Failure.change(path + ": not UTF-8 text; refusing to edit it");
        }
        String after = edit.apply(before.get());
        if (after.equals(before.get())) {
            return Change.none();
        }
        return Change.of(List.of(Operation.WriteFile.replacing(file, bytes(after), "", "", "")), fields);
    }

    /** Strict UTF-8 decoding: empty when the bytes are not valid UTF-8 (they would not round-trip). */
    public static Optional<String> decode(byte[] content) {
        if (content == null) {
            return Optional.of("");
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
