package dev.tenshot.service.task;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultLease how long a lease lasts when the agent does not say
 * @param maxLease the longest lease an agent may ask for
 * @param maxAttempts leases a task may use before a reported failure fails it for good
 * @param maxTasksPerLease most tasks one lease call hands out
 */
@ConfigurationProperties("tenshot.tasks")
record TaskProperties(
        @DefaultValue("120s") Duration defaultLease,
        @DefaultValue("30m") Duration maxLease,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("100") int maxTasksPerLease) {}
