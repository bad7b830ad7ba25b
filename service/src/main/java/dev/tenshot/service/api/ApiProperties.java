package dev.tenshot.service.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits that keep one caller from taking the service down.
 *
 * @param maxBodySize largest request body; a batch of 10,000 measurements is about 8 MB
 * @param maxEventStreams open event streams in all
 * @param maxEventStreamsPerClient open event streams of one client (its token, else its address)
 * @param eventStreamTimeout how long an event stream stays open; a client that wants more reconnects
 * @param retryAfter what a 503 tells clients to wait before retrying
 */
@ConfigurationProperties("tenshot.api")
public record ApiProperties(
        @DefaultValue("16MB") DataSize maxBodySize,
        @DefaultValue("256") int maxEventStreams,
        @DefaultValue("8") int maxEventStreamsPerClient,
        @DefaultValue("30m") Duration eventStreamTimeout,
        @DefaultValue("5s") Duration retryAfter) {}
