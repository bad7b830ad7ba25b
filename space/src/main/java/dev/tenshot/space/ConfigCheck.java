package dev.tenshot.space;

import java.util.List;

/** The outcome of checking a config against its space. */
public sealed interface ConfigCheck {

    /** The config is valid; {@code config} is its canonical form. */
    record Valid(SpaceConfig config) implements ConfigCheck {}

    /** The config is not part of the space; each problem names the offending field and value. */
    record Invalid(List<String> problems) implements ConfigCheck {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid config needs at least one problem");
            }
        }
    }
}
