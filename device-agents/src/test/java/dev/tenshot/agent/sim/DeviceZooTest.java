package dev.tenshot.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DeviceZooTest {

    private final DeviceZoo zoo = DeviceZoo.builtIn();

    @Test
    void holdsAtLeastTwelveDevicesWithUniqueIds() {
        assertThat(zoo.devices()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(zoo.ids()).doesNotHaveDuplicates();
    }

    @Test
    void coversPhonesLaptopsEdgeBoardsServersAndDatacenterGpus() {
        assertThat(zoo.ids())
                .contains(
                        "snapdragon-8-gen-3-npu",
                        "snapdragon-8-elite-npu",
                        "snapdragon-x-elite-npu",
                        "adreno-750-gpu",
                        "adreno-830-gpu",
                        "apple-m4-gpu",
                        "apple-m4-ane",
                        "jetson-orin-nano-8gb",
                        "jetson-agx-orin-64gb",
                        "raspberry-pi-5",
                        "intel-core-ultra-7-155h",
                        "intel-xeon-gold-6226",
                        "nvidia-h100-sxm");
        assertThat(zoo.devices()).extracting(SimDevice::kind).contains("npu", "gpu", "cpu");
    }

    @Test
    void citesASourceAndHasPositivePeakBandwidthAndMemoryForEveryDevice() {
        assertThat(zoo.devices()).allSatisfy(device -> {
            assertThat(device.source()).as(device.id()).isNotBlank();
            assertThat(device.peakTeraOpsPerSecond()).as(device.id()).isPositive();
            assertThat(device.memoryBandwidthGbPerSecond()).as(device.id()).isPositive();
            assertThat(device.memoryCapacityGb()).as(device.id()).isPositive();
        });
    }

    @Test
    void marksTheFiguresVendorsDoNotPublishAsEstimates() {
        assertThat(zoo.find("snapdragon-8-gen-3-npu").orElseThrow().source()).contains("estimate");
        assertThat(zoo.notes()).contains("estimate");
    }

    @Test
    void makesEveryNpuWorseAtAttentionThanAtMatmuls() {
        assertThat(zoo.devices())
                .filteredOn(device -> device.kind().equals("npu"))
                .isNotEmpty()
                .allSatisfy(npu ->
                        assertThat(npu.attentionEfficiency()).as(npu.id()).isLessThan(npu.matmulEfficiency() / 2));
    }

    @Test
    void rejectsAZooWithAMisspelledField() throws Exception {
        var mapper = JsonMapper.builder().build();
        JsonNode tree;
        try (var in = DeviceZoo.class.getResourceAsStream("device-zoo.json")) {
            tree = mapper.readTree(in);
        }
        ((ObjectNode) tree.get("devices").get(0)).put("peakTops", 3);

        assertThatThrownBy(() -> DeviceZoo.load(stream(mapper.writeValueAsString(tree)), "typo.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peakTops");
    }

    @Test
    void rejectsTwoDevicesWithOneId() {
        SimDevice device = zoo.devices().getFirst();

        assertThatThrownBy(() -> new DeviceZoo(1, "", List.of(device, device)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(device.id());
    }

    @Test
    void rejectsAnEfficiencyAboveOne() {
        SimDevice device = zoo.devices().getFirst();

        assertThatThrownBy(() -> new SimDevice(
                        device.id(),
                        device.name(),
                        device.kind(),
                        device.chipset(),
                        device.runtime(),
                        device.precision(),
                        device.peakTeraOpsPerSecond(),
                        device.memoryBandwidthGbPerSecond(),
                        device.memoryCapacityGb(),
                        device.launchOverheadMicros(),
                        device.opOverheadMicros(),
                        1.5,
                        device.attentionEfficiency(),
                        device.halfEfficiencyGflop(),
                        device.bandwidthEfficiency(),
                        device.fusedAttention(),
                        device.noiseSigma(),
                        device.source()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmulEfficiency");
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
