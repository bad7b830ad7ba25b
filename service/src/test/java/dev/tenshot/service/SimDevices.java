package dev.tenshot.service;

import dev.tenshot.agent.Agent;
import dev.tenshot.agent.Agent.AgentSettings;
import dev.tenshot.agent.Progress;
import dev.tenshot.agent.api.RetryPolicy;
import dev.tenshot.agent.api.ServiceClient;
import dev.tenshot.agent.runner.Runner;
import dev.tenshot.agent.sim.SimRunner;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;

/** Onboards a simulated device through a real agent, over HTTP, until it is calibrated. */
public final class SimDevices {

    private SimDevices() {}

    /** Runs an agent for the device (with the admin token, which may act for any device) until it is idle. */
    public static void measureQueued(int port, java.util.UUID deviceId, String simDevice) throws InterruptedException {
        var client = new ServiceClient(
                URI.create("http://localhost:" + port),
                HttpApi.ADMIN_TOKEN,
                RetryPolicy.standard(),
                new SplittableRandom(2));
        try (var runner = SimRunner.of(simDevice, 3)) {
            new Agent(
                            client,
                            runner,
                            deviceId,
                            new AgentSettings(10, Duration.ofSeconds(60), Duration.ofMillis(100), true),
                            Clock.systemUTC(),
                            new Progress(new PrintStream(PrintStream.nullOutputStream())))
                    .run();
        }
    }

    /** @return the new device's id */
    public static UUID onboard(int port, String simDevice) throws InterruptedException {
        return onboard(port, simDevice, HttpApi.ADMIN_TOKEN);
    }

    public static UUID onboard(int port, String simDevice, String adminToken) throws InterruptedException {
        try (var runner = SimRunner.of(simDevice, 3)) {
            return onboard(port, runner, adminToken);
        }
    }

    /** Registers the runner's device and runs an agent with it until the device is calibrated. */
    public static UUID onboard(int port, Runner runner, String adminToken) throws InterruptedException {
        var client = new ServiceClient(
                URI.create("http://localhost:" + port), adminToken, RetryPolicy.standard(), new SplittableRandom(1));
        var registration = client.register(runner.device(), "mmdit-pruning");
        client.useToken(registration.agentToken());
        new Agent(
                        client,
                        runner,
                        registration.id(),
                        new AgentSettings(10, Duration.ofSeconds(60), Duration.ofMillis(100), true),
                        Clock.systemUTC(),
                        new Progress(new PrintStream(PrintStream.nullOutputStream())))
                .run();
        return registration.id();
    }
}
