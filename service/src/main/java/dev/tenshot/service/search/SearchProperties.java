package dev.tenshot.service.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxPopulation largest population a job may ask for
 * @param maxGenerations most generations a job may ask for
 * @param lease how long a replica holds a running job without reporting progress
 */
@ConfigurationProperties("tenshot.search")
record SearchProperties(
        @DefaultValue("1000") int maxPopulation,
        @DefaultValue("2000") int maxGenerations,
        @DefaultValue("60s") Duration lease) {}
