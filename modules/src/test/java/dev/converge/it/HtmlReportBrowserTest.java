package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML report in a real headless Chromium: it loads with no console error, shows every host
 * and every diff line, and draws a graph node per resource. The screenshot is kept as
 * {@code modules/target/report-screenshot.png}. Without Chromium the test fails when run as root
 * or under CI (CI installs it), and is skipped otherwise.
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void theReportRendersEveryHostAndDiffInChromium() throws Exception {
        requireChromium();
        Path html = dir.resolve("report.html");
        Path json = dir.resolve("report.json");
        runPlaybook(html, json);
        JsonNode report = new ObjectMapper().readTree(json.toFile());

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString()); // no Selenium Manager lookup
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")),
                "--window-size=1400,1800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.get(html.toUri().toString());
            List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                    .toList();
            assertThat(errors).as("console errors").isEmpty();

            String text = driver.findElement(By.tagName("body")).getText();
            int nodes = 0;
            for (JsonNode host : report.get("hosts")) {
                assertThat(text).contains(host.get("host").asText());
                for (JsonNode resource : host.get("resources")) {
                    nodes++;
                    for (String line : resource.get("diff").asText().split("\n")) {
                        if (line.startsWith("+") || line.startsWith("-")) {
                            assertThat(text)
                                    .as("diff line of " + resource.get("id").asText())
                                    .contains(line.strip());
                        }
                    }
                }
            }
            List<WebElement> drawn = driver.findElements(By.cssSelector("svg.dag g.node"));
            assertThat(drawn).hasSize(nodes);
            assertThat(driver.findElements(By.cssSelector("svg.dag g.node.status-changed")))
                    .isNotEmpty();
            WebElement svg = driver.findElement(By.cssSelector("svg.dag"));
            assertThat(svg.getSize().getWidth()).isPositive();
            assertThat(driver.findElements(By.cssSelector("pre.diff .line.add"))
                            .get(0)
                            .getCssValue("background-color"))
                    .as("diff colours applied")
                    .isNotEqualTo("rgba(0, 0, 0, 0)");

            assertThat(driver.findElement(By.cssSelector("h2#changes"))
                            .getLocation()
                            .getY())
                    .as("the changes come before the graph and the per-host tables")
                    .isLessThan(driver.findElement(By.cssSelector("div.graph"))
                            .getLocation()
                            .getY());
            List<String> changes = driver.findElements(By.cssSelector(".change h3")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(changes)
                    .as("an identical diff once, naming both hosts")
                    .contains(
                            "changed shared (file) on web1, web2 same diff",
                            "changed cross (file) on web1",
                            "changed cross (file) on web2")
                    .anySatisfy(c -> assertThat(c)
                            .startsWith("changed app-conf (file) on web1")
                            .doesNotContain("web2"))
                    .anySatisfy(c -> assertThat(c).startsWith("deferred ready-check (assert) on web1, web2"));
            assertThat(driver.findElement(By.cssSelector(".change.status-deferred .deferred"))
                            .getText())
                    .contains("re-checked after the apply");
            WebElement okRows = driver.findElement(By.cssSelector("details.ok"));
            assertThat(okRows.getText()).isEqualTo("1 ok (nothing to do)");
            assertThat(okRows.findElement(By.tagName("table")).isDisplayed())
                    .as("ok rows collapsed")
                    .isFalse();
            okRows.findElement(By.tagName("summary")).click();
            assertThat(okRows.findElement(By.tagName("table")).getText()).contains("in-place");
            Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth");
            Number viewport = (Number) driver.executeScript("return window.innerWidth");
            assertThat(scrollWidth.intValue())
                    .as("no horizontal scrolling at 1400 px")
                    .isLessThanOrEqualTo(viewport.intValue());

            Path screenshot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Path kept = Path.of("target", "report-screenshot.png");
            Files.createDirectories(kept.getParent());
            Files.copy(screenshot, kept, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(html, Path.of("target", "report-example.html"), StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(kept)).isGreaterThan(10_000);
        } finally {
            driver.quit();
        }
    }

    private void runPlaybook(Path html, Path json) throws Exception {
        Files.writeString(dir.resolve("web1.conf"), "# managed by hand\nlisten = 80\nworkers = 2\n");
        Files.writeString(dir.resolve("web1.same"), "same\n");
        Files.writeString(dir.resolve("web2.same"), "same\n");
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  vars: {base: %s}
                  children:
                    web:
                      hosts:
                        web1: {ansible_connection: local, port: 8080}
                        web2: {ansible_connection: local, port: 8081}
                """.formatted(dir));
        Path playbook = Files.writeString(dir.resolve("site.yml"), """
                - hosts: web
                  resources:
                    - id: app-conf
                      file: {path: "${base}/${inventory_hostname}.conf", content: "# managed by converge\\nlisten = ${port}\\nworkers = 4\\n"}
                    - id: app-ini
                      ini: {path: "${base}/${inventory_hostname}.ini", section: DEFAULT, set: {debug: false, port: "${port}"}, create: true}
                      notify: reload
                    - id: cross
                      after: [app-conf]
                      file: {path: "${base}/${inventory_hostname}.ready", content: "ready\\n"}
                    - id: shared
                      file: {path: "${base}/shared.conf", content: "one content on every host\\n"}
                    - id: in-place
                      file: {path: "${base}/${inventory_hostname}.same", content: "same\\n"}
                    - id: ready-check
                      assert: {cmd: [test, -e, "${base}/${inventory_hostname}.ready"]}
                  handlers:
                    - id: reload
                      command: {cmd: ["true"]}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                "-i",
                inventory.toString(),
                "--check",
                "--report-html",
                html.toString(),
                "--report-json",
                json.toString(),
                playbook.toString());
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (present) {
            return;
        }
        boolean mustRun = "root".equals(System.getProperty("user.name")) || System.getenv("CI") != null;
        if (mustRun) {
            fail(
                    "chromium and chromium-driver are not installed: apt-get install --no-install-recommends chromium chromium-driver");
        }
        assumeTrue(false, "no chromium here (not root, not CI): browser test skipped");
    }
}
