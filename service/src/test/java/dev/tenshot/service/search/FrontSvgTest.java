package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FrontSvgTest {

    private static final UUID DEVICE = UUID.randomUUID();

    @Test
    void drawsTheBudgetAndLinksEachVerifiedPredictionToItsMeasurement() {
        var front = new FrontResponse(
                UUID.randomUUID(),
                List.of(DEVICE),
                2,
                100.0,
                0.95,
                0.8,
                List.of(
                        point(0, 60, null, 0.70),
                        point(1, 80, 76.0, 0.80),
                        point(2, 95, 108.0, 0.90),
                        point(3, 98, null, 0.92)));

        String svg = FrontSvg.render(front);

        assertThat(svg).startsWith("<svg").contains("round 2").contains("budget 100 ms");
        assertThat(count(svg, "<line class=\"budget\"")).isEqualTo(1);
        assertThat(count(svg, "<line class=\"verification\"")).isEqualTo(2);
        assertThat(count(svg, "<rect class=\"measured\"")).isEqualTo(1);
        assertThat(count(svg, "<rect class=\"measured over-budget\"")).isEqualTo(1);
        assertThat(svg).contains("<rect class=\"measured over-budget\"").containsPattern("over-budget\"[^>]*#d62728");
        assertThat(count(svg, "<circle class=\"feasible\"")).isEqualTo(4);
        double budgetX = attribute(svg, "<line class=\"budget\" x1=\"");
        double measuredOverX = attribute(svg, "<rect class=\"measured over-budget\" x=\"") + 4;
        assertThat(measuredOverX)
                .as("the over-budget measurement lies right of the budget line")
                .isGreaterThan(budgetX);
    }

    private static FrontResponse.Point point(int index, double predictedMs, Double measuredMs, double quality) {
        return new FrontResponse.Point(
                index,
                DEVICE,
                2,
                JsonMapper.builder().build().createObjectNode(),
                "hash-" + index,
                20,
                predictedMs,
                0.9 * predictedMs,
                1.1 * predictedMs,
                1.04 * predictedMs,
                quality,
                1_000_000,
                true,
                0,
                measuredMs,
                FrontPoint.meetsBudget(measuredMs, 100),
                null,
                null,
                null,
                null);
    }

    private static long count(String svg, String element) {
        return Pattern.compile(Pattern.quote(element)).matcher(svg).results().count();
    }

    private static double attribute(String svg, String prefix) {
        int start = svg.indexOf(prefix) + prefix.length();
        return Double.parseDouble(svg.substring(start, svg.indexOf('"', start)));
    }
}
