/**
 * The {@code onnx} runner: builds a config's MMDiT denoiser as an ONNX graph at a documented workload scale and times
 * it with ONNX Runtime on this machine.
 */
@NullMarked
package dev.tenshot.agent.onnx;

import org.jspecify.annotations.NullMarked;
