/** How the API answers errors and pages: RFC 9457 problem details and page envelopes. */
@NullMarked
package dev.tenshot.service.api;

import org.jspecify.annotations.NullMarked;
