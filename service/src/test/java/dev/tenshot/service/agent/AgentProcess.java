package dev.tenshot.service.agent;

import dev.tenshot.agent.AgentMain;
import java.util.ArrayList;
import java.util.List;

/** The agent as its own JVM process, on the tests' class path, as {@code tenshot-agent} runs on a device. */
final class AgentProcess {

    private AgentProcess() {}

    /** The command line of an agent talking to the service on {@code port}, with {@code options} after it. */
    static List<String> command(int port, String... options) {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                AgentMain.class.getName(),
                "--service",
                "http://localhost:" + port));
        command.addAll(List.of(options));
        return command;
    }
}
