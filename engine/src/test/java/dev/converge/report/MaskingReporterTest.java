package dev.converge.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.secret.Secrets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every event type, every string in it, goes through the mask before any reporter sees it. */
class MaskingReporterTest {
    @Test
    void noEventCarriesASecretPastTheMask() {
        List<String> planted =
                List.of("Connection refused", "qemu+tcp", "listen_tcp", "playbooks/live", "reload-exports", "0600");
        List<RunEvent> events = new ArrayList<>(SampleReports.events(SampleReports.sample(false)));
        events.add(new RunEvent.Warning("listen_tcp is on"));
        events.add(new RunEvent.Detail(
                "host1",
                3,
                "apply batch 1 script (qemu+tcp)",
                List.of("cv_write /etc/x 0600", "command virsh -c qemu+tcp://h/system: exit 0, listen_tcp = 1")));
        events.add(new RunEvent.StageStarted(1, 2, "play 'listen_tcp' batch 1/2 (qemu+tcp)"));
        events.add(new RunEvent.RunFinished(SampleReports.sample(false)
                .with(List.of(
                        new BatchReport(
                                1,
                                "play 'listen_tcp' batch 1/2 (qemu+tcp)",
                                List.of("qemu+tcp"),
                                BatchReport.STOPPED,
                                "reload-exports failed"),
                        new BatchReport(
                                2, "play 'x' batch 2/2 (h)", List.of("h"), BatchReport.NOT_RUN, "not run: 0600")))));
        List<RunEvent> seen = new ArrayList<>();
        MaskingReporter masking = new MaskingReporter(Secrets.of(planted), seen::add);
        events.forEach(masking::on);
        assertThat(seen).hasSameSizeAs(events);
        for (RunEvent event : seen) {
            for (String secret : planted) {
                assertThat(event.toString())
                        .as(event.getClass().getSimpleName())
                        .doesNotContain(secret);
            }
        }
        Set<String> covered =
                events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet());
        assertThat(covered)
                .as("a new event type needs a sample here")
                .containsAll(Arrays.stream(RunEvent.class.getPermittedSubclasses())
                        .map(Class::getSimpleName)
                        .toList());
    }
}
