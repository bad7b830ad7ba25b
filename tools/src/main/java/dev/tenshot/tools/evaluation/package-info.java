/** HELP's protocol as a command: meta-train on source devices, score unseen devices from ten samples each. */
@NullMarked
package dev.tenshot.tools.evaluation;

import org.jspecify.annotations.NullMarked;
