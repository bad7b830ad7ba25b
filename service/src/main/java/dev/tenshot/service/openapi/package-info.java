/**
 * The OpenAPI document, served at {@code /v3/api-docs} and committed as {@code docs/openapi.json}: the contract that
 * generated clients and the integration tests' response checks are held to.
 */
@NullMarked
package dev.tenshot.service.openapi;

import org.jspecify.annotations.NullMarked;
