package dev.tenshot.agent.command;

/** What a {@link TimingParser} made of a tool's output. */
sealed interface ParseResult {

    record Read(ToolReport timings) implements ParseResult {}

    /** The output holds no timings the parser understands; {@code reason} says what was missing or wrong. */
    record Unreadable(String reason) implements ParseResult {}
}
