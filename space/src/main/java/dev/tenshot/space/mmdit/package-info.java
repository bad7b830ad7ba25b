/** The MMDiT denoiser pruning space: keep or drop each joint block and narrow its MLP. */
@NullMarked
package dev.tenshot.space.mmdit;

import org.jspecify.annotations.NullMarked;
