package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/ci.md cannot drift: both pipelines are valid YAML with the jobs it describes, and run the
 * very commands listed at its top (which lab/test-saved-plans runs on the lab, from the GitHub workflow).
 */
class CiRecipeDocTest {
    private static final Pattern BLOCK = Pattern.compile("```(sh|yaml)\\n(.*?)```", Pattern.DOTALL);

    private static List<String> converge(String text) {
        return text.lines()
                .map(String::strip)
                .map(l -> l.startsWith("- ") ? l.substring(2) : l)
                .filter(l -> l.startsWith("converge "))
                .toList();
    }

    @Test
    void bothPipelinesRunTheListedCommandsInPlanApplyDriftJobs() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "ci.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            blocks.add(m.group(2));
        }
        assertThat(blocks).hasSize(3);
        List<String> commands = converge(blocks.get(0));
        assertThat(commands).hasSize(3);
        assertThat(commands.get(0))
                .startsWith("converge plan ")
                .contains("-o site.plan", "--report-html", "--report-markdown");
        assertThat(commands.get(1)).startsWith("converge apply ").endsWith(" site.plan");
        assertThat(commands.get(2))
                .contains("--check", "--detailed-exitcode", "--junit-changes-fail", "--report-junit");

        Map<String, Object> github = new Yaml().load(blocks.get(1));
        Map<?, ?> jobs = (Map<?, ?>) github.get("jobs");
        assertThat(jobs.keySet().stream().map(String::valueOf).toList()).containsExactly("plan", "apply", "drift");
        assertThat(((Map<?, ?>) jobs.get("apply")).get("needs")).isEqualTo("plan");
        assertThat(((Map<?, ?>) jobs.get("apply")).get("environment"))
                .as("the manual approval")
                .isEqualTo("production");
        assertThat(converge(blocks.get(1))).isEqualTo(commands);

        Map<String, Object> gitlab = new Yaml().load(blocks.get(2));
        assertThat(gitlab).containsKeys("plan", "apply", "drift");
        assertThat(gitlab.get("apply").toString()).contains("when=manual");
        assertThat(converge(blocks.get(2))).isEqualTo(commands);
    }
}
