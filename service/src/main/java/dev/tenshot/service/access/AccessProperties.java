package dev.tenshot.service.access;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminToken the admin token; when blank, one is generated at start-up and written to {@code dataDir}
 * @param dataDir where the embedded default keeps its files
 * @param readToken a read-only token given by configuration (for Prometheus and dashboards), or none
 * @param anonymousReads whether a request without a token may read; off unless set
 */
@ConfigurationProperties("tenshot")
record AccessProperties(
        @Nullable String adminToken, Path dataDir, @Nullable String readToken, boolean anonymousReads) {}
