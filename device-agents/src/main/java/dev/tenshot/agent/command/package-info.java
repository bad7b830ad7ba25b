/**
 * The {@code command} runner: runs a command template per task (qnn-net-run on a Snapdragon NPU, trtexec on NVIDIA,
 * any script), with a timeout, and reads its timing output with a named parser ({@code qnn}, {@code trtexec},
 * {@code jsonl}). Start at {@link dev.tenshot.agent.command.CommandRunner#of}; the {@code jsonl} format for scripts is
 * described in {@code FORMAT.md} next to this package's resources.
 */
@NullMarked
package dev.tenshot.agent.command;

import org.jspecify.annotations.NullMarked;
