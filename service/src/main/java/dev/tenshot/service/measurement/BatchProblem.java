package dev.tenshot.service.measurement;

import dev.tenshot.service.api.FieldProblem;

/** One problem with one measurement of a batch. */
record BatchProblem(Kind kind, String field, String detail) {

    /** Each kind is also a problem type, used when a whole batch fails for that reason alone. */
    enum Kind {
        INVALID_VALUE("invalid-measurements", "Invalid measurements"),
        DUPLICATE_CLIENT_ID("duplicate-client-id", "Client id repeated within the batch"),
        UNKNOWN_SPACE("unknown-space", "Unknown search space"),
        INVALID_CONFIG("invalid-config", "Config rejected by its search space");

        final String typeSlug;
        final String title;

        Kind(String typeSlug, String title) {
            this.typeSlug = typeSlug;
            this.title = title;
        }
    }

    FieldProblem toFieldProblem() {
        return new FieldProblem(field, detail);
    }
}
