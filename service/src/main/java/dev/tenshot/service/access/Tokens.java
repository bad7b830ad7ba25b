package dev.tenshot.service.access;

/**
 * The bearer tokens, by scope, as the OpenAPI document names them: each operation lists the ones it takes
 * ({@code @SecurityRequirement(name = Tokens.ADMIN)}), so that a reader of the document, or a generated client, knows
 * which token to send.
 */
public final class Tokens {

    /** Everything: {@code TENSHOT_ADMIN_TOKEN}, or a token made with scope {@code admin}. */
    public static final String ADMIN = "admin";

    /** A device's agent token: its own device's tasks, measurements and reads. */
    public static final String AGENT = "agent";

    /** Registers devices, and so receives each new device's agent token; nothing else. */
    public static final String ENROLMENT = "enrolment";

    /** Reads everything, changes nothing ({@code TENSHOT_READ_TOKEN}, or scope {@code read}). */
    public static final String READ = "read";

    private Tokens() {}
}
