package dev.tenshot.service.api;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Errors Tomcat answers itself, before any servlet runs (an encoded NUL or slash in the path, a malformed request
 * line), as problems too: its own report is an HTML page. Errors the service answers never reach this valve.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String json = "{\"type\":\"urn:tenshot:problem:http-%d\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
                .formatted(status, title, status, "the server refused the request before reading it: " + title);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already committed: nothing more to say
        }
    }

    /** Makes Tomcat's host use this valve for its error reports. */
    @Component
    static final class Installer implements TomcatContextCustomizer {
        @Override
        public void customize(org.apache.catalina.Context context) {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        }
    }
}
