package dev.tenshot.agent.command;

import java.util.List;
import java.util.Optional;

/** Reads a tool's timing output. Parsers are stateless; each is chosen by its {@link #name()}. */
sealed interface TimingParser permits QnnProfileParser, TrtexecParser, JsonLinesParser {

    /** A decimal number as the tools print it, for use in patterns. */
    String NUMBER = "[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?";

    List<TimingParser> ALL = List.of(new QnnProfileParser(), new TrtexecParser(), new JsonLinesParser());

    /** {@code qnn}, {@code trtexec} or {@code jsonl}. */
    String name();

    /**
     * Reads the tool's standard output. Never throws for output it cannot read: that is a {@link
     * ParseResult.Unreadable} saying what was missing or wrong.
     */
    ParseResult parse(String output);

    static Optional<TimingParser> byName(String name) {
        return ALL.stream().filter(parser -> parser.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(TimingParser::name).toList();
    }
}
