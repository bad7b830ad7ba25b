package dev.tenshot.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

    @Test
    void keepsEverythingWithinItsLimits() {
        var capture = new OutputCapture(4, 6);

        capture.drain(stream("0123456789"));

        assertThat(capture.text()).isEqualTo("0123456789");
    }

    @Test
    void keepsTheHeadAndTheTailAndMarksWhatItDropped() {
        var capture = new OutputCapture(4, 6);

        capture.drain(stream("0123456789ABCDEFGH"));

        assertThat(capture.text()).isEqualTo("0123\n[... 8 bytes omitted ...]\nCDEFGH");
    }

    @Test
    void keepsOnlyTheTailWithoutAHead() {
        var capture = new OutputCapture(0, 3);

        capture.drain(stream("abcdef"));

        assertThat(capture.text()).isEqualTo("\n[... 3 bytes omitted ...]\ndef");
    }

    @Test
    void quotesTheLastNonBlankLines() {
        assertThat(OutputCapture.lastLines("a\nb\n\nc\n\n", 2)).isEqualTo("b\nc");
        assertThat(OutputCapture.lastLines("\n \n", 2)).isEqualTo("(empty)");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
