/** Runners: how an agent executes one measurement task on its device (onnx, command, sim). */
@NullMarked
package dev.tenshot.agent.runner;

import org.jspecify.annotations.NullMarked;
