package dev.tenshot.service.api;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Health is down when the HTTP connector can no longer take connections: stopped, or its poller thread gone (an
 * out-of-memory error once killed the poller and left the process alive, answering nothing for minutes). A probe
 * that cannot connect sees that anyway; this makes it visible to one that can, such as a second connector or a
 * management port, and in the logs of the readiness checks.
 */
@Component("connector")
class ConnectorHealth implements HealthIndicator {

    private final WebServerApplicationContext context;

    ConnectorHealth(WebServerApplicationContext context) {
        this.context = context;
    }

    @Override
    public @Nullable Health health() {
        if (!(context.getWebServer() instanceof TomcatWebServer tomcat)) {
            return Health.unknown()
                    .withDetail("reason", "not running on Tomcat")
                    .build();
        }
        Set<String> pollers = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.endsWith("-Poller"))
                .collect(Collectors.toSet());
        for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
            if (connector.getState() != LifecycleState.STARTED) {
                return Health.down()
                        .withDetail("connector", connector.toString())
                        .withDetail("state", connector.getState().name())
                        .build();
            }
            // The poller thread is named after the endpoint as it started ("http-nio-8080", or "http-nio-auto-1" on a
            // random port, which the endpoint's name then extends with the port it got).
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol
                    && connector.getProtocolHandlerClassName().contains("Nio")
                    && pollers.stream()
                            .noneMatch(poller ->
                                    isPollerOf(poller, protocol.getName().replace("\"", "")))) {
                return Health.down()
                        .withDetail("connector", connector.toString())
                        .withDetail("reason", "its poller thread is gone: no new request will be read")
                        .build();
            }
        }
        return Health.up().build();
    }

    private static boolean isPollerOf(String thread, String endpoint) {
        String prefix = thread.substring(0, thread.length() - "-Poller".length());
        return endpoint.equals(prefix) || endpoint.startsWith(prefix + "-");
    }
}
