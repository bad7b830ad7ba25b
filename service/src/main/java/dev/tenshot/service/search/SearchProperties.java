package dev.tenshot.service.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxPopulation largest population a job may ask for
 * @param maxGenerations most generations a job may ask for
 * @param lease how long a running job stays its replica's without a renewal (renewed four times per lease while the
 *     replica works): after a replica dies, another takes its jobs within this time
 */
@ConfigurationProperties("tenshot.search")
record SearchProperties(
        @DefaultValue("1000") int maxPopulation,
        @DefaultValue("2000") int maxGenerations,
        @DefaultValue("30s") Duration lease) {}
