package dev.tenshot.service.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fronts as served, plain and gzipped, for the few jobs people are looking at: a 1,700-point front is 1.2 MB of
 * JSON, and gzipping it on every read cost more CPU than building it. An entry is good while the job's {@link
 * SearchJobs#frontVersion version} is the one it was built at; the version is read before the front, so a change in
 * between only makes the next read build it again.
 */
@Component
class FrontCache {

    private static final int ENTRIES = 32;

    private final SearchJobs jobs;
    private final JsonMapper json;
    private final Map<UUID, Front> fronts = new LinkedHashMap<>(ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Front> eldest) {
            return size() > ENTRIES;
        }
    };

    FrontCache(SearchJobs jobs, JsonMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    /**
     * @param etag a strong validator of this version of the front
     */
    record Front(String version, String etag, byte[] plain, byte[] gzipped) {}

    Front front(UUID id) {
        String version = jobs.frontVersion(id);
        Front cached;
        synchronized (fronts) {
            cached = fronts.get(id);
        }
        if (cached != null && cached.version().equals(version)) {
            return cached;
        }
        byte[] plain = json.writeValueAsBytes(jobs.front(id));
        var built = new Front(version, etag(id, version), plain, gzip(plain));
        synchronized (fronts) {
            fronts.put(id, built);
        }
        return built;
    }

    private static String etag(UUID id, String version) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest((id + " " + version).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] plain) {
        var out = new ByteArrayOutputStream(plain.length / 5);
        try (var gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION); // once per version: worth the smallest answer
            }
        }) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
