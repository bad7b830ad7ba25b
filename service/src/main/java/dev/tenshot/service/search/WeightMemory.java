package dev.tenshot.service.search;

import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Locale;

/**
 * The denoiser weights' memory at a device's precision: what a memory budget limits. Activations are left out
 * (they depend on the runtime's scheduling), so the budget is for weights.
 */
final class WeightMemory {

    private WeightMemory() {}

    /** Bytes per weight from a device's precision label: 8-bit formats 1, 16-bit 2, 4-bit 0.5, otherwise 4. */
    static double bytesPerWeight(String precision) {
        String p = precision.toLowerCase(Locale.ROOT);
        if (p.contains("int4") || p.startsWith("w4")) {
            return 0.5;
        }
        if (p.contains("8")) {
            return 1;
        }
        if (p.contains("16")) {
            return 2;
        }
        return 4;
    }

    /** The weights of the smallest config (only the last block kept, quarter-width MLP) at this precision. */
    static double smallestConfigBytes(String precision) {
        var space = MmditPruningSpace.neodragon();
        int depth = space.depth();
        var keep = new ArrayList<>(Collections.nCopies(depth, false));
        keep.set(depth - 1, true);
        var smallest = new MmditConfig(
                keep,
                Collections.nCopies(depth, MlpWidth.QUARTER),
                Collections.nCopies(space.base().pyramid().stages(), 1));
        return space.costs().denoiserParameters(smallest) * bytesPerWeight(precision);
    }
}
