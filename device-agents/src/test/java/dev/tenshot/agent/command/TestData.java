package dev.tenshot.agent.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Fixtures for the command runner's tests: the recorded tool outputs and a device. */
final class TestData {

    private TestData() {}

    /** A sample output from {@code src/test/resources/dev/tenshot/agent/command}. */
    static String sample(String name) {
        try (InputStream in = TestData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CommandSettings.Device device() {
        return new CommandSettings.Device("test-box", "cpu", "x86-64", "sh", "fp32");
    }

    static ToolReport read(TimingParser parser, String output) {
        ParseResult result = parser.parse(output);
        if (!(result instanceof ParseResult.Read read)) {
            throw new AssertionError("expected timings, got " + result);
        }
        return read.timings();
    }

    static String unreadable(TimingParser parser, String output) {
        ParseResult result = parser.parse(output);
        if (!(result instanceof ParseResult.Unreadable unreadable)) {
            throw new AssertionError("expected the output to be unreadable, got " + result);
        }
        return unreadable.reason();
    }
}
