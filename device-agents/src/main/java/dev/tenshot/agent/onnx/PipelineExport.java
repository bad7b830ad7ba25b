package dev.tenshot.agent.onnx;

import dev.tenshot.space.mmdit.BaseModel;
import dev.tenshot.space.mmdit.MmditConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a config's whole pipeline as ONNX models with synthetic weights, for vendor toolchains (qnn-onnx-converter,
 * trtexec, ONNX Runtime with another execution provider, Qualcomm AI Hub): one model per denoiser pyramid stage (static
 * shapes: the HTP backend and TensorRT engines want them) and one per fixed-stage network, plus {@code
 * manifest.json} saying what each file is, its inputs and outputs, its runs per generation, parameters and FLOPs (read
 * back from the graph by {@link GraphCost}). Models whose weights exceed protobuf's 2 GB limit get ONNX external data
 * beside them. Opset {@value OnnxOp#OPSET}, float32.
 */
public final class PipelineExport {

    /** One file written. */
    public record Written(Path model, String stage, int runs, long parameters, double flops, long bytes) {}

    private PipelineExport() {}

    /**
     * Exports {@code config}'s pipeline at {@code scale} into {@code out} (created if missing).
     *
     * @throws IOException if a file cannot be written
     */
    public static List<Written> write(MmditConfig config, BaseModel base, WorkloadScale scale, long seed, Path out)
            throws IOException {
        var shapes = new ScaledShapes(scale, base.denoiser());
        var costs = new dev.tenshot.space.mmdit.MmditCostModel(base);
        var written = new ArrayList<Written>();
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("producer", "tenshot-agent export");
        manifest.set("config", config.toJson());
        manifest.set("scale", scale.toJson());
        manifest.put("opset", OnnxOp.OPSET);
        manifest.put("precision", "fp32");
        manifest.put("seed", seed);
        manifest.put("weights", "synthetic N(0, 0.02); external data (.onnx.data) for models over 2 GB");
        ArrayNode files = manifest.putArray("models");
        for (BaseModel.FixedStage stage : base.fixedStages()) {
            if (stage.networks() == null) {
                continue;
            }
            for (BaseModel.Network network : stage.networks()) {
                OnnxModel model = NetworkGraph.of(network, shapes, seed);
                written.add(
                        write(model, stage.stage() + "_" + network.name(), stage.stage(), network.runs(), out, files));
            }
        }
        var denoiser = DenoiserGraph.of(config, base.denoiser(), scale, seed);
        int callsPerStep = base.pyramid().callsPerStep();
        for (int stage = 0; stage < config.steps().size(); stage++) {
            OnnxModel model = denoiser.model(scale.imageTokens(costs.imageTokens(stage)));
            int runs = config.steps().get(stage) * callsPerStep;
            written.add(write(model, "denoiser" + stage, "denoiser" + stage, runs, out, files));
        }
        JsonMapper.builder()
                .build()
                .writerWithDefaultPrettyPrinter()
                .writeValue(out.resolve("manifest.json").toFile(), manifest);
        return written;
    }

    private static Written write(OnnxModel model, String name, String stage, int runs, Path out, ArrayNode files)
            throws IOException {
        GraphCost cost = GraphCost.of(model.withoutWeightData());
        List<Path> paths = model.write(out, name);
        long bytes = 0;
        for (Path path : paths) {
            bytes += Files.size(path);
        }
        ObjectNode entry = files.addObject();
        entry.put("file", paths.getFirst().getFileName().toString());
        if (paths.size() > 1) {
            entry.put("externalData", paths.get(1).getFileName().toString());
        }
        entry.put("stage", stage);
        entry.put("runsPerGeneration", runs);
        entry.put("parameters", cost.parameters());
        entry.put("gflopsPerRun", cost.flops() / 1e9);
        ObjectNode inputs = entry.putObject("inputs");
        model.inputs().forEach(port -> shape(inputs.putArray(port.name()), port.shape()));
        ObjectNode outputs = entry.putObject("outputs");
        model.outputs().forEach(port -> shape(outputs.putArray(port.name()), port.shape()));
        return new Written(paths.getFirst(), stage, runs, cost.parameters(), cost.flops(), bytes);
    }

    private static void shape(ArrayNode array, long[] shape) {
        for (long dim : shape) {
            array.add(dim);
        }
    }
}
