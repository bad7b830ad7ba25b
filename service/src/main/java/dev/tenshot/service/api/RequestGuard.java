package dev.tenshot.service.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses what no endpoint should parse, before anything parses it: a body over {@code tenshot.api.max-body-size}
 * (413, from its {@code Content-Length}, or as soon as a chunked body passes the limit) and a query string with a
 * nameless parameter, a bad escape or a NUL (400). Three 45 MB bodies at once used to exhaust the heap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestGuard extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final JsonMapper json;

    RequestGuard(ApiProperties properties, JsonMapper json) {
        this.maxBodyBytes = properties.maxBodySize().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String queryProblem = queryProblem(request.getQueryString());
        if (queryProblem != null) {
            reject(response, ProblemType.INVALID_PARAMETER, queryProblem);
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBodyBytes) {
            reject(response, ProblemType.BODY_TOO_LARGE, tooLarge(maxBodyBytes));
            return;
        }
        chain.doFilter(length < 0 ? new LimitedBody(request, maxBodyBytes) : request, response);
    }

    static String tooLarge(long maxBytes) {
        return "request bodies are limited to " + maxBytes + " bytes on this service (tenshot.api.max-body-size)";
    }

    static @Nullable String queryProblem(@Nullable String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String part : query.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? part : part.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(part.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "the query string has a malformed escape in '" + part + "'";
            }
            if (name.isBlank()) {
                return "a query parameter has no name: '" + part + "'";
            }
            if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                return "query parameter '" + name.replace('\0', StrictJson.REPLACEMENT) + "' holds a NUL character";
            }
        }
        return null;
    }

    private void reject(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        response.setHeader("Connection", "close"); // the unread body is not worth draining
        ProblemResponses.write(response, json, type, detail);
    }

    /** A body read past the limit; answered 413 by {@link ApiErrors}. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long maxBytes) {
            super(tooLarge(maxBytes));
        }
    }

    /** A chunked body, counted as it is read. */
    private static final class LimitedBody extends HttpServletRequestWrapper {
        private final long maxBytes;
        private @Nullable ServletInputStream stream;

        LimitedBody(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        Counting(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
