package dev.tenshot.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenshot.service.ServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** Stops its service's connector, so it runs on a context of its own, closed after it. */
@ServiceIT
@TestPropertySource(properties = "tenshot.api.event-stream-timeout=29m")
@DirtiesContext
class ConnectorHealthIT {

    @Autowired
    ConnectorHealth health;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void upWhileTheConnectorServesAndDownOnceItStops() throws Exception {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        connector.pause();
        connector.stop();
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            connector.start();
        }
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
