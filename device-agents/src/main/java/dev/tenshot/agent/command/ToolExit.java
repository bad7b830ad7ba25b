package dev.tenshot.agent.command;

/** How one run of a tool ended, with what it printed (bounded, see {@link OutputCapture}). */
sealed interface ToolExit {

    record Exited(int exitCode, String stdout, String stderr) implements ToolExit {}

    /** The tool outlived its timeout and was destroyed with everything it started. */
    record TimedOut(String stdout, String stderr) implements ToolExit {}

    /** The tool could not be started (not found, not executable, no such working directory). */
    record NotStarted(String reason) implements ToolExit {}

    /** The agent was interrupted while waiting; the tool was destroyed. */
    record Interrupted() implements ToolExit {}
}
