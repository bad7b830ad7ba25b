package dev.tenshot.service.search;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The search runner polls for jobs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SearchScheduling {}
