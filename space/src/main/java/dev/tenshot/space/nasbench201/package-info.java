/** NAS-Bench-201 cells, the space HELP's published latency data is measured on. */
@NullMarked
package dev.tenshot.space.nasbench201;

import org.jspecify.annotations.NullMarked;
