package dev.tenshot.service.access;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminToken the admin token; when blank, one is generated at start-up and written to {@code dataDir}
 * @param dataDir where the embedded default keeps its files
 * @param access who may read without a token
 */
@ConfigurationProperties("tenshot")
record AccessProperties(
        @Nullable String adminToken,
        Path dataDir,
        @DefaultValue Access access) {

    /** @param anonymousReads whether GETs under /api and the metrics endpoints need no token (off by default) */
    record Access(@DefaultValue("false") boolean anonymousReads) {}
}
