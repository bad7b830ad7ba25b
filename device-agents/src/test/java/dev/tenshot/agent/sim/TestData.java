package dev.tenshot.agent.sim;

import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Configs and devices the sim tests share. */
final class TestData {

    static final MmditPruningSpace SPACE = MmditPruningSpace.neodragon();
    static final String PHONE_NPU = "snapdragon-8-gen-3-npu";
    static final String H100 = "nvidia-h100-sxm";
    static final String ORIN_NANO = "jetson-orin-nano-8gb";
    static final List<Integer> DEFAULT_STEPS = List.of(10, 10, 10);

    private TestData() {}

    /** Keeps the last {@code kept} of the 24 blocks, all at {@code width}. */
    static MmditConfig lastBlocks(int kept, MlpWidth width, List<Integer> steps) {
        int depth = SPACE.depth();
        var keep = new ArrayList<Boolean>(depth);
        for (int block = 0; block < depth; block++) {
            keep.add(block >= depth - kept);
        }
        return new MmditConfig(keep, Collections.nCopies(depth, width), steps);
    }

    /** The unpruned denoiser, all 24 blocks at full MLP width, 10 steps per pyramid stage. */
    static MmditConfig full() {
        return lastBlocks(SPACE.depth(), MlpWidth.FULL, DEFAULT_STEPS);
    }

    /** Neodragon's block count: 18 blocks kept (here the last 18) at full width, 10 steps per stage. */
    static MmditConfig eighteenBlocks() {
        return lastBlocks(18, MlpWidth.FULL, DEFAULT_STEPS);
    }

    static SimDevice device(String id) {
        return DeviceZoo.builtIn().find(id).orElseThrow();
    }

    static Roofline roofline(String id) {
        return new Roofline(device(id), SPACE);
    }

    /** {@code device} with only its memory capacity changed. */
    static SimDevice withMemoryGb(SimDevice device, double memoryCapacityGb) {
        return new SimDevice(
                device.id(),
                device.name(),
                device.kind(),
                device.chipset(),
                device.runtime(),
                device.precision(),
                device.peakTeraOpsPerSecond(),
                device.memoryBandwidthGbPerSecond(),
                memoryCapacityGb,
                device.launchOverheadMicros(),
                device.opOverheadMicros(),
                device.matmulEfficiency(),
                device.attentionEfficiency(),
                device.halfEfficiencyGflop(),
                device.bandwidthEfficiency(),
                device.fusedAttention(),
                device.noiseSigma(),
                device.source());
    }
}
