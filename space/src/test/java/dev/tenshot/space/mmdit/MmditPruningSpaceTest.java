package dev.tenshot.space.mmdit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tenshot.space.ConfigCheck;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MmditPruningSpaceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MmditPruningSpace space = MmditPruningSpace.neodragon();

    @Test
    void hashesTheTextItsCanonicalTreeIsWrittenAs() throws Exception {
        var space = MmditPruningSpace.neodragon();
        var random = new java.util.SplittableRandom(3);
        var mapper = JsonMapper.builder().build();
        var configs = new java.util.ArrayList<MmditConfig>();
        configs.add(MmditConfig.full(space.base()));
        for (int i = 0; i < 2_000; i++) {
            configs.add(space.sample(random));
        }

        for (MmditConfig config : configs) {
            byte[] tree = mapper.writeValueAsString(config.toJson()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String expected = java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(tree));
            assertThat(config.contentHash()).as("%s", config).isEqualTo(expected);
        }
    }

    @Test
    void acceptsTheFullModel() {
        ConfigCheck check = space.check(config(ones(24), widths(24, "1")));

        assertThat(check)
                .isInstanceOfSatisfying(
                        ConfigCheck.Valid.class,
                        valid -> assertThat(((MmditConfig) valid.config()).keptBlocks())
                                .isEqualTo(24));
    }

    @Test
    void acceptsBooleansAndBitsAlike() {
        String keepBits = "[0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]";
        String keepBooleans = keepBits.replace("0", "false").replace("1", "true");

        var fromBits = (ConfigCheck.Valid) space.check(config(keepBits, widths(24, "0.5")));
        var fromBooleans = (ConfigCheck.Valid) space.check(config(keepBooleans, widths(24, "0.5")));

        assertThat(fromBits.config()).isEqualTo(fromBooleans.config());
        assertThat(fromBits.config().contentHash())
                .isEqualTo(fromBooleans.config().contentHash());
    }

    @Test
    void ignoresTheWidthOfADroppedBlock() {
        String keep = "[0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]";
        String narrowFirst = "[0.25" + ",1".repeat(23) + "]";

        var a = (ConfigCheck.Valid) space.check(config(keep, narrowFirst));
        var b = (ConfigCheck.Valid) space.check(config(keep, widths(24, "1")));

        assertThat(a.config().contentHash()).isEqualTo(b.config().contentHash());
        assertThat(a.config().toJson().toString()).isEqualTo(b.config().toJson().toString());
    }

    @Test
    void keepsTheWidthOfAKeptBlockInTheHash() {
        var narrow = (ConfigCheck.Valid) space.check(config(ones(24), "[0.25" + ",1".repeat(23) + "]"));
        var full = (ConfigCheck.Valid) space.check(config(ones(24), widths(24, "1")));

        assertThat(narrow.config().contentHash()).isNotEqualTo(full.config().contentHash());
    }

    @Test
    void rejectsDroppingTheLastBlock() {
        String keep = "[" + "1,".repeat(23) + "0]";

        ConfigCheck check = space.check(config(keep, widths(24, "1")));

        assertThat(problems(check)).containsExactly("keep[23] must be true: the last block is never pruned");
    }

    @Test
    void rejectsWidthsOutsideTheChoices() {
        String mlpWidth = "[0.3" + ",1".repeat(22) + ",\"half\"]";

        ConfigCheck check = space.check(config(ones(24), mlpWidth));

        assertThat(problems(check))
                .containsExactly(
                        "mlpWidth[0] must be one of 0.25, 0.5, 0.75, 1: got 0.3",
                        "mlpWidth[23] must be one of 0.25, 0.5, 0.75, 1: got \"half\"");
    }

    @Test
    void rejectsWrongLengthsMissingAndUnknownFields() {
        JsonNode json = JSON.readTree("{\"keep\": [1, 1], \"depth\": 3}");

        ConfigCheck check = space.check(json);

        assertThat(problems(check))
                .containsExactly(
                        "unknown field 'depth'",
                        "keep must be an array of 24 entries, one per block: got 2 entries",
                        "mlpWidth is required: an array of 24 entries, one per block");
    }

    @Test
    void rejectsANonObject() {
        assertThat(problems(space.check(JSON.readTree("[1,2]")))).hasSize(1);
    }

    @Test
    void roundTripsItsCanonicalForm() {
        var original = new MmditConfig(
                Collections.nCopies(24, true), Collections.nCopies(24, MlpWidth.THREE_QUARTERS), List.of(3, 2, 1));

        var reparsed = (ConfigCheck.Valid) space.check(original.toJson());

        assertThat(reparsed.config()).isEqualTo(original);
    }

    @Test
    void refusesAConfigWhoseLastBlockIsDropped() {
        var keep = new java.util.ArrayList<>(Collections.nCopies(24, true));
        keep.set(23, false);

        assertThatThrownBy(() -> new MmditConfig(keep, Collections.nCopies(24, MlpWidth.FULL), List.of(1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last block");
    }

    @Test
    void defaultsStepsToTheBaseModelsAndChecksThemWhenGiven() {
        var defaulted = (ConfigCheck.Valid) space.check(config(ones(24), widths(24, "1")));
        JsonNode badSteps = JSON.readTree(
                "{\"keep\": " + ones(24) + ", \"mlpWidth\": " + widths(24, "1") + ", \"steps\": [0, 11, 2.5]}");

        ConfigCheck check = space.check(badSteps);

        assertThat(((MmditConfig) defaulted.config()).steps()).containsExactly(10, 10, 10);
        assertThat(problems(check))
                .containsExactly(
                        "steps[0] must be an integer in [1, 10]: got 0",
                        "steps[1] must be an integer in [1, 10]: got 11",
                        "steps[2] must be an integer in [1, 10]: got 2.5");
    }

    @Test
    void encodesEveryConfigAsAFixedLengthVector() {
        var full = MmditConfig.full(space.base());
        var pruned = space.sample(new java.util.SplittableRandom(7));

        double[] fullFeatures = space.features(full);
        double[] prunedFeatures = space.features(pruned);

        assertThat(space.featureNames())
                .containsExactly(
                        "denoiser0_matmul_gflop",
                        "denoiser0_attention_gflop",
                        "denoiser0_kernels",
                        "denoiser1_matmul_gflop",
                        "denoiser1_attention_gflop",
                        "denoiser1_kernels",
                        "denoiser2_matmul_gflop",
                        "denoiser2_attention_gflop",
                        "denoiser2_kernels");
        assertThat(fullFeatures).hasSize(space.featureNames().size()).hasSameSizeAs(prunedFeatures);
    }

    @Test
    void featuresAddUpToTheCostModelsFlopsPerGeneration() {
        var config = space.sample(new java.util.SplittableRandom(11));
        double[] features = space.features(config);

        double gflop = 0;
        for (int stage = 0; stage < 3; stage++) {
            gflop += features[3 * stage] + features[3 * stage + 1];
        }

        assertThat(gflop * 1e9)
                .isCloseTo(space.costs().pipeline(config, Precision.FP16).denoiserFlops(), within(1e3));
    }

    @Test
    void featuresScaleWithTheCallsOfTheirStageOnly() {
        var one = new MmditConfig(
                MmditConfig.full(space.base()).keep(),
                MmditConfig.full(space.base()).mlpWidths(),
                java.util.List.of(2, 3, 4));
        var more = new MmditConfig(one.keep(), one.mlpWidths(), java.util.List.of(4, 3, 4));

        double[] a = space.features(one);
        double[] b = space.features(more);

        for (int j = 0; j < 3; j++) {
            assertThat(b[j]).isCloseTo(2 * a[j], within(1e-9 * a[j]));
        }
        for (int j = 3; j < 9; j++) {
            assertThat(b[j]).isEqualTo(a[j]);
        }
    }

    @Test
    void everyKeptBlockLaunchesItsKernelsOnEveryCall() {
        var full = MmditConfig.full(space.base());
        var keep = new java.util.ArrayList<>(full.keep());
        keep.set(0, false);
        var dropped = new MmditConfig(keep, full.mlpWidths(), full.steps());
        int callsOfStage0 = full.steps().get(0) * space.base().pyramid().callsPerStep();
        int kernelsPerBlock = 2 * MmditCostModel.KERNELS_PER_STREAM + MmditCostModel.KERNELS_PER_ATTENTION;

        double fullKernels = space.features(full)[2];
        double droppedKernels = space.features(dropped)[2];

        assertThat(fullKernels - droppedKernels).isEqualTo((double) kernelsPerBlock * callsOfStage0);
        assertThat(fullKernels)
                .isEqualTo((double) callsOfStage0
                        * (MmditCostModel.KERNELS_PER_CALL
                                + 23 * kernelsPerBlock
                                + MmditCostModel.KERNELS_PER_STREAM
                                + MmditCostModel.KERNELS_PER_PRE_ONLY_STREAM
                                + MmditCostModel.KERNELS_PER_ATTENTION));
    }

    private static java.util.List<String> problems(ConfigCheck check) {
        assertThat(check).isInstanceOf(ConfigCheck.Invalid.class);
        return ((ConfigCheck.Invalid) check).problems();
    }

    private static JsonNode config(String keep, String mlpWidth) {
        return JSON.readTree("{\"keep\": " + keep + ", \"mlpWidth\": " + mlpWidth + "}");
    }

    private static String ones(int n) {
        return "[" + String.join(",", Collections.nCopies(n, "1")) + "]";
    }

    private static String widths(int n, String width) {
        return "[" + String.join(",", Collections.nCopies(n, width)) + "]";
    }

    @Test
    void hasNoValidConfigWithFewerWeightsThanTheSmallest() {
        var space = MmditPruningSpace.neodragon();
        long smallest = space.costs().denoiserParameters(space.smallest());

        assertThat(space.check(space.smallest().toJson())).isInstanceOf(ConfigCheck.Valid.class);
        assertThat(space.corners())
                .allSatisfy(config ->
                        assertThat(space.costs().denoiserParameters(config)).isGreaterThanOrEqualTo(smallest));
        var random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            assertThat(space.costs().denoiserParameters(space.sample(random))).isGreaterThanOrEqualTo(smallest);
        }
    }
}
