package dev.tenshot.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    private static final Path README = Path.of("../README.md");
    private static final String TABLE_HEADER = "| type (`urn:tenshot:problem:...`) | status | when |";
    private static final Pattern SLUG = Pattern.compile("`([a-z<>-]+)`");
    private static final String SPRINGS_OWN = "http-<status>";

    @Test
    void theReadmeListsEveryProblemTypeWithItsStatus() throws IOException {
        Map<String, Integer> documented = readmeTable();

        Map<String, Integer> catalogue = Arrays.stream(ProblemType.values())
                .collect(Collectors.toMap(
                        ProblemType::slug, type -> type.status().value(), (a, b) -> a, LinkedHashMap::new));
        documented.remove(SPRINGS_OWN);
        assertThat(documented).containsExactlyInAnyOrderEntriesOf(catalogue);
    }

    @Test
    void slugsAreUniqueAndSafeInUris() {
        Map<String, ProblemType> bySlug =
                Arrays.stream(ProblemType.values()).collect(Collectors.toMap(ProblemType::slug, Function.identity()));

        assertThat(bySlug).hasSize(ProblemType.values().length);
        assertThat(bySlug.keySet()).allMatch(slug -> slug.matches("[a-z]+(-[a-z]+)*"));
        assertThat(ProblemType.DEVICE_NOT_FOUND.uri()).hasToString("urn:tenshot:problem:device-not-found");
    }

    @Test
    void onlyTypesThatPassTellClientsWhenToRetry() {
        assertThat(Arrays.stream(ProblemType.values()).filter(type -> type.retryAfter() != null))
                .allMatch(type -> type.status().value() == 429 || type.status().value() == 503);
    }

    /** Type slug to status, from the README's table; a row may list several types of one status. */
    private static Map<String, Integer> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int header = lines.indexOf(TABLE_HEADER);
        assertThat(header).as("the problem table's header in %s", README).isNotNegative();
        var documented = new LinkedHashMap<String, Integer>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            String status = cells[2].strip();
            Matcher slugs = SLUG.matcher(cells[1]);
            while (slugs.find()) {
                String slug = slugs.group(1);
                int value = slug.equals(SPRINGS_OWN) ? 0 : Integer.parseInt(status);
                assertThat(documented.put(slug, value))
                        .as("%s listed twice", slug)
                        .isNull();
            }
        }
        return documented;
    }
}
