package dev.converge.modules.blockinfile;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.Failure;
import dev.converge.modules.support.FileEdit;
import dev.converge.modules.support.WriteGuard;
import dev.converge.spi.Change;
import dev.converge.spi.Change.FieldChange;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Modes;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code blockinfile}: a block of lines between two marker lines, like Ansible's {@code blockinfile}
 * ({@link BlockInFile} has the text semantics). Unlike {@code line}, {@code mode}/{@code owner}/
 * {@code group} apply to an existing file too, as in Ansible.
 */
public final class BlockInFileModule implements Module<BlockParams> {

    @Override
    public String name() {
        return "blockinfile";
    }

    @Override
    public Class<BlockParams> paramsType() {
        return BlockParams.class;
    }

    @Override
    public List<ParamProblem> validate(BlockParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("path", p.path())) {
            checks.absolutePath("path", p.path());
        }
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        if (p.block() != null && p.block().indexOf('\0') >= 0) {
            checks.problem("block", "block contains a NUL character", "remove the NUL; a text file cannot hold it");
        }
        checks.singleLine("marker", p.marker());
        checks.singleLine("marker_begin", p.markerBegin());
        checks.singleLine("marker_end", p.markerEnd());
        boolean oneLine = !Checks.hasLineBreak(p.marker())
                && !Checks.hasLineBreak(p.markerBegin())
                && !Checks.hasLineBreak(p.markerEnd()); // else reported above, once
        if (oneLine && p.marker() != null && !p.marker().contains("{mark}")) {
            checks.problem(
                    "marker",
                    "marker '" + Checks.printable(p.marker())
                            + "' has no {mark}: the BEGIN and END lines would be the same line",
                    "put {mark} where BEGIN and END go, e.g. marker: '" + suggestedMarker(p.marker()) + "'");
        } else if (oneLine && p.beginLine().equals(p.endLine())) {
            checks.problem(
                    "marker_end",
                    "marker_begin and marker_end are the same: the BEGIN and END lines would be the same line",
                    "give them different values, e.g. marker_begin: BEGIN, marker_end: END");
        }
        if (p.block() != null
                && BlockInFile.splitLines(p.block()).stream()
                        .map(l -> l.replaceAll("[\r\n]+$", ""))
                        .anyMatch(l -> l.equals(p.beginLine()) || l.equals(p.endLine()))) {
            checks.problem(
                    "block",
                    "block holds a marker line ('" + Checks.printable(p.beginLine()) + "' or '"
                            + Checks.printable(p.endLine()) + "'): the next run would find the wrong block",
                    "remove the marker line from the block, or choose another marker");
        }
        if (p.insertAfter() != null && p.insertBefore() != null) {
            checks.problem("insert_before", "insert_after and insert_before are mutually exclusive", "keep only one");
        } else if (p.insertAfter() != null && !p.insertAfter().equals("EOF")) {
            checks.regex("insert_after", p.insertAfter());
        } else if (p.insertBefore() != null && !p.insertBefore().equals("BOF")) {
            checks.regex("insert_before", p.insertBefore());
        }
        checks.mode("mode", p.mode());
        WriteGuard.check(checks, p.validate());
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(BlockParams p) {
        return Set.of(new Fact.FileRead(p.path()));
    }

    @Override
    public boolean editsTheFilesItReads() {
        return true; // paths() is its file facts
    }

    @Override
    public Change plan(BlockParams p, PlanContext context) {
        FileInfo file = context.facts().file(p.path());
        BlockInFile.Block wanted = new BlockInFile.Block(
                p.beginLine(), p.endLine(), p.wantedBlock(), BlockInFile.Anchor.of(p.insertAfter(), p.insertBefore()));
        boolean create = Boolean.TRUE.equals(p.create());
        String mode = p.mode() == null || p.mode().isEmpty() ? "" : Modes.normalize(p.mode());
        Change change;
        if (file.kind() == FileInfo.Kind.ABSENT) {
            if (!create) { // as Ansible: also for state: absent
                return Failure.change(p.path() + ": no such file (set create: true to create it)");
            }
            if (p.stateOrDefault().equals("absent")) {
                return Change.none();
            }
            String created = BlockInFile.apply("", wanted);
            change = Change.of(
                    List.of(Operation.WriteFile.replacing(
                            file,
                            bytes(created),
                            mode.isEmpty() ? FileEdit.DEFAULT_MODE : mode,
                            nz(p.owner()),
                            nz(p.group()))),
                    List.of(field(p, Optional.empty(), created)));
        } else if (file.kind() != FileInfo.Kind.FILE) {
            return Failure.change(
                    p.path() + ": not a regular file (" + file.kind().name().toLowerCase() + ")");
        } else {
            Optional<String> before = FileEdit.decode(file.content());
            if (before.isEmpty()) {
                return Failure.change(p.path() + ": not UTF-8 text; refusing to edit it");
            }
            String after = BlockInFile.apply(before.get(), wanted);
            List<Operation> ops = new ArrayList<>();
            List<FieldChange> fields = new ArrayList<>();
            if (!after.equals(before.get())) {
                ops.add(Operation.WriteFile.replacing(file, bytes(after), "", "", ""));
                fields.add(field(p, BlockInFile.current(before.get(), p.beginLine(), p.endLine()), after));
            }
            attributes(file, mode, p.owner(), p.group(), ops, fields);
            change = ops.isEmpty() ? Change.none() : Change.of(ops, fields);
        }
        return WriteGuard.guard(change, file, p.validate(), Boolean.TRUE.equals(p.backup()));
    }

    /** The marker with {@code {mark}} after its comment sign, for a hint. */
    private static String suggestedMarker(String marker) {
        String text = Checks.printable(marker).replace("'", "''");
        return text.startsWith("# ") ? "# {mark} " + text.substring(2) : "{mark} " + text;
    }

    /** The report field: the block's lines before and after ({@code absent} when there is none). */
    private static FieldChange field(BlockParams p, Optional<String> was, String after) {
        Optional<String> now = BlockInFile.current(after, p.beginLine(), p.endLine());
        return new FieldChange("block " + p.beginLine(), describe(was), describe(now));
    }

    private static String describe(Optional<String> block) {
        if (block.isEmpty()) {
            return "absent";
        }
        long lines = BlockInFile.splitLines(block.get()).size();
        return lines == 1 ? "1 line" : lines + " lines";
    }

    /** Ansible's file attributes: mode, owner and group of an existing file, set when they differ. */
    private static void attributes(
            FileInfo current, String mode, String owner, String group, List<Operation> ops, List<FieldChange> fields) {
        String setMode = !mode.isEmpty() && !mode.equals(current.mode()) ? mode : "";
        String setOwner = owner != null && !owner.isEmpty() && !owner.equals(current.owner()) ? owner : "";
        String setGroup = group != null && !group.isEmpty() && !group.equals(current.group()) ? group : "";
        if (!setMode.isEmpty()) {
            fields.add(new FieldChange("mode", current.mode(), setMode));
        }
        if (!setOwner.isEmpty()) {
            fields.add(new FieldChange("owner", current.owner(), setOwner));
        }
        if (!setGroup.isEmpty()) {
            fields.add(new FieldChange("group", current.group(), setGroup));
        }
        if (!(setMode + setOwner + setGroup).isEmpty()) {
            ops.add(new Operation.SetAttributes(current.path(), setMode, setOwner, setGroup));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
