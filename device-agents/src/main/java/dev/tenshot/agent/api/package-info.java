/** The service's HTTP API as an agent sees it: a client that retries what may be retried, and its messages. */
@NullMarked
package dev.tenshot.agent.api;

import org.jspecify.annotations.NullMarked;
