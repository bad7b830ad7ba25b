/** Pareto search jobs: submitted over REST, leased and run by one replica, fronts stored for the API and Grafana. */
@NullMarked
package dev.tenshot.service.search;

import org.jspecify.annotations.NullMarked;
