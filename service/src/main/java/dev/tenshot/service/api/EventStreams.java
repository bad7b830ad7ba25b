package dev.tenshot.service.api;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Open event streams, counted overall and per client (its bearer token, else its address): 8,400 open streams once
 * starved every other request. A stream past either cap is refused with 429 before it opens.
 */
@Component
public class EventStreams {

    private final ApiProperties properties;
    private final Map<String, Integer> openByClient = new HashMap<>();
    private int open;

    EventStreams(ApiProperties properties) {
        this.properties = properties;
    }

    /** Takes a slot for a new stream; release it with {@link Slot#release()} when the stream ends. */
    public synchronized Slot open(HttpServletRequest request) {
        String client = clientOf(request);
        if (open >= properties.maxEventStreams()) {
            throw new ProblemException(
                    ProblemType.TOO_MANY_STREAMS,
                    "the service has " + properties.maxEventStreams() + " event streams open, its limit");
        }
        int mine = openByClient.getOrDefault(client, 0);
        if (mine >= properties.maxEventStreamsPerClient()) {
            throw new ProblemException(
                    ProblemType.TOO_MANY_STREAMS,
                    "this client has " + properties.maxEventStreamsPerClient()
                            + " event streams open, its limit; close one first");
        }
        open++;
        openByClient.put(client, mine + 1);
        return new Slot(client);
    }

    private synchronized void release(String client) {
        open--;
        openByClient.computeIfPresent(client, (c, count) -> count <= 1 ? null : count - 1);
    }

    /** How long a stream stays open before the service ends it; the client reconnects for more. */
    public long timeoutMillis() {
        return properties.eventStreamTimeout().toMillis();
    }

    synchronized int openStreams() {
        return open;
    }

    private static String clientOf(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return "address " + request.getRemoteAddr();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(authorization.getBytes(StandardCharsets.UTF_8));
            return "token " + HexFormat.of().formatHex(digest); // never the token itself in memory longer than needed
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }

    /** One open stream's place; releasing twice releases once. */
    public final class Slot {
        private final String client;
        private boolean released;

        private Slot(String client) {
            this.client = client;
        }

        public void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            EventStreams.this.release(client);
        }
    }
}
