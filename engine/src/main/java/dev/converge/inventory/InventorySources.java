package dev.converge.inventory;

import dev.converge.config.RunInputs;
import dev.converge.config.YamlReader;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Group;
import dev.converge.model.Host;
import dev.converge.model.Var;
import dev.converge.model.YamlValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads inventory sources as {@code ansible-inventory -i SOURCE...} does, in order: a comma list of
 * hosts ({@code 'h1,h2,'}), a file (YAML when named {@code .yml}/{@code .yaml}/{@code .json} or
 * without an extension and YAML-shaped, else INI), or a directory (its entries in name order,
 * skipping {@code group_vars}, {@code host_vars}, hidden files and Ansible's ignored extensions,
 * {@code .ini} among them). Each host's variables are merged in Ansible's order (see
 * {@link #merge}). Every problem is collected; nothing is thrown.
 */
public final class InventorySources {
    private static final Pattern IGNORED = Pattern.compile("^\\.|^host_vars$|^group_vars$|^vars_plugins$"
            + "|(\\.pyc|\\.pyo|\\.swp|\\.bak|~|\\.rpm|\\.md|\\.txt|\\.rst|\\.orig|\\.ini|\\.cfg|\\.retry)$");
    private final InventoryData data = new InventoryData();
    private final RunInputs inputs;
    private final Problems problems;
    private final List<Problem> warnings = new ArrayList<>();
    private final List<Path> baseDirs = new ArrayList<>();
    private final Path playbookDir;

    private InventorySources(Path playbookDir, RunInputs inputs, Problems problems) {
        this.playbookDir =
                playbookDir == null ? null : playbookDir.toAbsolutePath().normalize();
        this.inputs = inputs;
        this.problems = problems;
    }

    /** The inventory of {@code sources} (paths or comma lists, as given to {@code -i}), read as part of the run {@code inputs}. */
    public static Inventory load(List<String> sources, RunInputs inputs, Problems problems) {
        return load(sources, null, inputs, problems);
    }

    /**
     * The inventory of {@code sources}, with the {@code group_vars/} and {@code host_vars/} beside the
     * playbook too ({@code playbookDir}, null for none), as ansible-playbook reads them; the files read
     * are recorded in {@code inputs}, and vault texts decrypted with its passwords.
     */
    public static Inventory load(List<String> sources, Path playbookDir, RunInputs inputs, Problems problems) {
        InventorySources s = new InventorySources(playbookDir, inputs, problems);
        for (String source : sources) {
            s.source(source);
        }
        Path first = sources.isEmpty() ? Path.of("<no inventory>") : Path.of(sources.get(0));
        return s.build(first);
    }

    private void source(String source) {
        Path path = Path.of(source);
        if (source.contains(",") && !Files.exists(path)) {
            hostList(source);
            return;
        }
        if (!Files.exists(path)) {
            problems.add(
                    SourceLocation.of(path),
                    "inventory source not found",
                    "pass an inventory file or directory with -i, or a comma list of hosts such as -i 'host1,host2,'");
            return;
        }
        Path abs = path.toAbsolutePath().normalize();
        baseDirs.add(Files.isDirectory(abs) ? abs : abs.getParent());
        parse(path);
    }

    private void hostList(String list) {
        SourceLocation at = SourceLocation.of(Path.of("<-i " + list + ">"));
        for (String h : list.split(",")) {
            String name = h.strip();
            if (name.isEmpty()) {
                continue;
            }
            var parsed = HostNames.parseAddress(name, false);
            String host = parsed.map(e -> e.names().get(0)).orElse(name);
            if (!data.hasHost(host)) {
                data.addHost(
                        host, "ungrouped", parsed.map(HostNames.Expanded::port).orElse(null), at);
            }
        }
    }

    private void parse(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> entries = Files.list(path)) {
                for (Path entry : entries.sorted().toList()) {
                    if (!IGNORED.matcher(entry.getFileName().toString()).find()) {
                        parse(entry);
                    }
                }
            } catch (IOException e) {
                problems.add(
                        SourceLocation.of(path),
                        "cannot read inventory directory: " + e.getMessage(),
                        "check permissions");
            }
            return;
        }
        String text;
        inputs.read(path);
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            problems.add(
                    SourceLocation.of(path),
                    "cannot read inventory: " + e.getMessage(),
                    "check permissions and encoding (UTF-8)");
            return;
        }
        String ext = VarsFiles.extension(path.getFileName().toString());
        boolean yamlNamed = List.of(".yml", ".yaml", ".json").contains(ext);
        if (yamlNamed || ext.isEmpty()) {
            Problems yamlProblems = new Problems();
            var root = YamlReader.parse(path, text, inputs, yamlProblems, AnsibleYaml::type);
            String refusal = root.isPresent()
                    ? YamlSource.refusal(root.get())
                    : yamlProblems.isEmpty() ? "the file is empty" : null;
            if (yamlProblems.isEmpty() && refusal == null) {
                new YamlSource(data, problems, warnings).read((YamlValue.Mapping) root.get());
                return;
            }
            if (yamlNamed && root.isPresent() && refusal != null && !(root.get() instanceof YamlValue.Scalar)) {
                problems.add(
                        root.get().at(),
                        refusal,
                        "write a static inventory: `all:` with `hosts:`, `vars:` and `children:`");
                return;
            }
            Problems iniProblems = new Problems();
            new IniSource(data, path, iniProblems).read(text);
            boolean looksLikeYaml = yamlNamed || text.lines().map(String::strip).noneMatch(l -> l.startsWith("["));
            if (!iniProblems.isEmpty() && looksLikeYaml && !yamlProblems.isEmpty()) {
                problems.addAll(yamlProblems);
                return;
            }
            problems.addAll(iniProblems);
            return;
        }
        if (ext.equals(".toml")) {
            problems.add(
                    SourceLocation.of(path),
                    "TOML inventories are not supported",
                    "convert it to YAML or INI (ansible-inventory -i FILE --list -y)");
            return;
        }
        new IniSource(data, path, problems).read(text);
    }

    private Inventory build(Path source) {
        for (String w : data.reconcile()) {
            warnings.add(new Problem(SourceLocation.of(source), w, ""));
        }
        VarsFiles files = new VarsFiles(inputs, problems);
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (String g : data.groups.keySet()) {
            members.put(g, data.hostsOf(g));
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (InventoryData.Host h : data.hosts.values()) {
            List<String> hostGroups = data.sorted(
                    data.groupsOf(h.name).stream().filter(g -> !g.equals("all")).toList());
            List<String> withAll = new ArrayList<>(List.of("all"));
            withAll.addAll(hostGroups);
            hosts.put(h.name, new Host(h.name, merge(h, hostGroups, files), withAll, h.at));
        }
        Map<String, Group> tree = new LinkedHashMap<>();
        data.groups.forEach((name, g) -> tree.put(name, new Group(name, List.copyOf(g.hosts), g.children, g.vars)));
        return new Inventory(source, hosts, members, tree, warnings);
    }

    /**
     * A host's variables in Ansible's order (later wins, whole values): the inventory's {@code all}
     * variables, its other groups' (sorted by depth, {@code ansible_group_priority}, name), then
     * {@code group_vars/all} beside the inventory sources (in source order), beside the playbook,
     * {@code group_vars/GROUP} likewise, the host's own inventory variables, then
     * {@code host_vars/HOST} beside the sources and beside the playbook.
     */
    private Map<String, Var> merge(InventoryData.Host host, List<String> hostGroups, VarsFiles files) {
        Map<String, Var> vars = new LinkedHashMap<>(data.groups.get("all").vars);
        hostGroups.forEach(g -> vars.putAll(data.groups.get(g).vars));
        baseDirs.forEach(b -> vars.putAll(files.vars(b, "group_vars", "all")));
        if (playbookDir != null) {
            vars.putAll(files.vars(playbookDir, "group_vars", "all"));
        }
        for (Path b : baseDirs) {
            hostGroups.forEach(g -> vars.putAll(files.vars(b, "group_vars", g)));
        }
        if (playbookDir != null) {
            hostGroups.forEach(g -> vars.putAll(files.vars(playbookDir, "group_vars", g)));
        }
        vars.putAll(host.vars);
        baseDirs.forEach(b -> vars.putAll(files.vars(b, "host_vars", host.name)));
        if (playbookDir != null) {
            vars.putAll(files.vars(playbookDir, "host_vars", host.name));
        }
        return vars;
    }
}
