/** Database set-up that differs between PostgreSQL and the embedded H2 default. */
@NullMarked
package dev.tenshot.service.database;

import org.jspecify.annotations.NullMarked;
