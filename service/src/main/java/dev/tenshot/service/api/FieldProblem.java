package dev.tenshot.service.api;

/**
 * Which part of a request is wrong and why.
 *
 * @param field the path of the offending field, e.g. {@code measurements[3].latency.endToEndMs}
 * @param detail what is wrong with it, naming the bad value
 */
public record FieldProblem(String field, String detail) {}
