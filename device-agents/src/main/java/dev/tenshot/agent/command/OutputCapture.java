package dev.tenshot.agent.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One output stream of a tool, kept in bounded memory: its first {@code headBytes} and its last {@code tailBytes},
 * with a marker line where bytes were dropped. Tools can print for hours; the timings are at the end, a version line
 * may be at the start. Filled by one reader thread and read by another, hence synchronized.
 */
final class OutputCapture {

    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    private long tailWritten;

    OutputCapture(int headBytes, int tailBytes) {
        if (headBytes < 0 || tailBytes < 1) {
            throw new IllegalArgumentException(
                    "need headBytes >= 0 and tailBytes >= 1: " + headBytes + ", " + tailBytes);
        }
        this.head = new byte[headBytes];
        this.tail = new byte[tailBytes];
    }

    /** Reads the stream to its end. */
    void drain(InputStream in) {
        var buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // the pipe can close under us when a timed-out process is destroyed: what was read is what there is
        }
    }

    synchronized void append(byte[] bytes, int length) {
        int offset = 0;
        if (headLength < head.length) {
            int n = Math.min(length, head.length - headLength);
            System.arraycopy(bytes, 0, head, headLength, n);
            headLength += n;
            offset = n;
        }
        for (int i = offset; i < length; i++) {
            tail[(int) (tailWritten % tail.length)] = bytes[i];
            tailWritten++;
        }
    }

    /** Everything kept, as UTF-8 text; {@code [... N bytes omitted ...]} on a line of its own where bytes were dropped. */
    synchronized String text() {
        var kept = new StringBuilder(new String(head, 0, headLength, StandardCharsets.UTF_8));
        if (tailWritten > tail.length) {
            kept.append("\n[... ").append(tailWritten - tail.length).append(" bytes omitted ...]\n");
            int start = (int) (tailWritten % tail.length);
            byte[] ordered = new byte[tail.length];
            System.arraycopy(tail, start, ordered, 0, tail.length - start);
            System.arraycopy(tail, 0, ordered, tail.length - start, start);
            kept.append(new String(ordered, StandardCharsets.UTF_8));
        } else {
            kept.append(new String(tail, 0, (int) tailWritten, StandardCharsets.UTF_8));
        }
        return kept.toString();
    }

    /** The last {@code count} non-blank lines of the kept text, or {@code (empty)}. */
    synchronized String lastLines(int count) {
        return lastLines(text(), count);
    }

    static String lastLines(String text, int count) {
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            return "(empty)";
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
