package dev.tenshot.agent.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.tenshot.agent.runner.Quantiles;
import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class PipelineExportTest {

    private static final WorkloadScale SMALL = new WorkloadScale(64, 64, 8);
    private static final long SEED = 11;
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

    @TempDir
    Path dir;

    @Test
    void writesEveryStageAsAModelOnnxRuntimeRunsWithAManifest() throws Exception {
        var space = MmditPruningSpace.neodragon();
        var config = DenoiserGraphTest.keepingLast(4, MlpWidth.HALF);

        var written = PipelineExport.write(config, space.base(), SMALL, SEED, dir);

        assertThat(written)
                .extracting(PipelineExport.Written::stage)
                .containsExactly(
                        "textEncoder",
                        "textEncoder",
                        "textEncoder",
                        "firstFrameGenerator",
                        "firstFrameGenerator",
                        "vaeDecoder",
                        "superResolution",
                        "denoiser0",
                        "denoiser1",
                        "denoiser2");
        var manifest = JsonMapper.builder()
                .build()
                .readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.get("models")).hasSize(10);
        assertThat(manifest.get("models").get(9).get("runsPerGeneration").asInt())
                .isEqualTo(20);
        for (var file : written) {
            try (var session = environment.createSession(file.model().toString())) {
                assertThat(runOnce(session))
                        .as(file.model().getFileName().toString())
                        .isPositive();
            }
        }
    }

    @Test
    void keepsTheRunnersLatencyRankingOfConfigsFarApartInCost() throws Exception {
        var base = MmditPruningSpace.neodragon().base();
        var cheap = DenoiserGraphTest.keepingLast(1, MlpWidth.QUARTER);
        var dear = DenoiserGraphTest.keepingLast(24, MlpWidth.FULL);

        var cheapFile = PipelineExport.write(cheap, base, SMALL, SEED, dir.resolve("cheap"))
                .getLast();
        var dearFile = PipelineExport.write(dear, base, SMALL, SEED, dir.resolve("dear"))
                .getLast();

        double cheapMs = medianMillis(cheapFile.model());
        double dearMs = medianMillis(dearFile.model());
        assertThat(dearFile.flops()).as("24 full blocks vs 1 quarter block").isGreaterThan(20 * cheapFile.flops());
        assertThat(dearMs)
                .as("exported models, finest stage, median of 5 calls")
                .isGreaterThan(3 * cheapMs);
    }

    @Test
    void putsWeightsOverTheLimitInExternalDataThatOnnxRuntimeLoads() throws Exception {
        var base = MmditPruningSpace.neodragon().base();
        var model = DenoiserGraph.of(DenoiserGraphTest.keepingLast(2, MlpWidth.FULL), base.denoiser(), SMALL, SEED)
                .model(3);

        var paths = model.write(dir, "external", 1024);

        assertThat(paths).hasSize(2);
        assertThat(Files.size(paths.get(1))).isEqualTo(model.weightBytes());
        assertThat(Files.size(paths.get(0))).isLessThan(model.weightBytes());
        try (var session = environment.createSession(paths.get(0).toString())) {
            assertThat(runOnce(session)).isPositive();
        }
    }

    private double medianMillis(Path model) throws Exception {
        try (var session = environment.createSession(model.toString())) {
            runOnce(session);
            double[] millis = new double[5];
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                runOnce(session);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            return Quantiles.median(millis);
        }
    }

    /** Runs the session once on random inputs of its declared shapes; answers the output's element count. */
    private long runOnce(OrtSession session) throws Exception {
        var random = new SplittableRandom(1);
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (var input : session.getInputInfo().values()) {
                long[] shape = ((ai.onnxruntime.TensorInfo) input.getInfo()).getShape();
                long count = 1;
                for (long dim : shape) {
                    count *= dim;
                }
                float[] values = new float[Math.toIntExact(count)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                feed.put(input.getName(), OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape));
            }
            try (var result = session.run(feed)) {
                return ((OnnxTensor) result.get(0)).getInfo().getNumElements();
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }
}
