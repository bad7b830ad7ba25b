package dev.tenshot.agent.command;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Runs one command line without a shell, captures its output in bounded memory and enforces a timeout. */
final class ToolProcess {

    /** Start of stdout kept: version banners and the like. */
    static final int STDOUT_HEAD_BYTES = 64 * 1024;
    /** End of stdout kept: where the timing summary is. */
    static final int STDOUT_TAIL_BYTES = 256 * 1024;
    /** End of stderr kept: where the reason for a failure is. */
    static final int STDERR_TAIL_BYTES = 64 * 1024;

    /** How long to wait for the output pipes to close after the process is gone (orphans may hold them open). */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private ToolProcess() {}

    static ToolExit run(
            List<String> command, @Nullable Path workingDirectory, Map<String, String> environment, Duration timeout) {
        var builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ToolExit.NotStarted("could not start " + command.getFirst() + ": " + e.getMessage());
        }
        var stdout = new OutputCapture(STDOUT_HEAD_BYTES, STDOUT_TAIL_BYTES);
        var stderr = new OutputCapture(0, STDERR_TAIL_BYTES);
        Thread stdoutReader = reader("stdout", process.pid(), () -> stdout.drain(process.getInputStream()));
        Thread stderrReader = reader("stderr", process.pid(), () -> stderr.drain(process.getErrorStream()));
        try {
            process.getOutputStream().close(); // the tool gets an empty stdin, never a terminal to wait on
        } catch (IOException e) {
            // the tool already exited or closed its stdin: nothing to tell it
        }
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                destroyTree(process);
                awaitQuietly(stdoutReader, stderrReader);
                return new ToolExit.TimedOut(stdout.text(), stderr.text());
            }
            awaitQuietly(stdoutReader, stderrReader);
            return new ToolExit.Exited(process.exitValue(), stdout.text(), stderr.text());
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            return new ToolExit.Interrupted();
        }
    }

    private static Thread reader(String stream, long pid, Runnable drain) {
        return Thread.ofPlatform()
                .daemon()
                .name("command-" + stream + "-" + pid)
                .start(drain);
    }

    /**
     * Kills the process and everything it started. The descendants are listed while the process is alive (after its
     * death they are re-parented and no longer its descendants); it dies first so it cannot start more.
     */
    private static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(Thread... readers) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_GRACE.toNanos();
        for (Thread reader : readers) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                reader.join(Duration.ofNanos(left));
            }
        }
    }
}
