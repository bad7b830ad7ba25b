package dev.tenshot.agent.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stage graph with synthetic weights: the graph holds one-element placeholders, and the weights are drawn from a
 * seeded generator in declaration order when the model is serialised, so the same seed always gives the same model.
 * Inline for ONNX Runtime sessions; as ONNX external data (one {@code .data} file beside the model) when the weights
 * do not fit protobuf's 2 GB limit.
 */
final class OnnxModel {

    /** Protobuf messages cannot exceed 2 GiB; keep a margin for the graph itself. */
    static final long INLINE_LIMIT_BYTES = (2L << 30) - (64L << 20);

    private static final int CHUNK_FLOATS = 1 << 20;

    /** A float32 weight of {@code dims}, drawn from N(mean, std). */
    record WeightSpec(String name, long[] dims, double mean, double std) {
        long count() {
            return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        }
    }

    /** A float32 graph input or output of a static shape. */
    record Port(String name, long... shape) {
        OnnxMl.ValueInfoProto toValueInfo() {
            var dims = OnnxMl.TensorShapeProto.newBuilder();
            for (long dim : shape) {
                dims.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
            }
            var type = OnnxMl.TypeProto.newBuilder()
                    .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                            .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                            .setShape(dims));
            return OnnxMl.ValueInfoProto.newBuilder()
                    .setName(name)
                    .setType(type)
                    .build();
        }

        long elements() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
    }

    private final OnnxMl.GraphProto graph;
    private final List<WeightSpec> weights;
    private final List<Port> inputs;
    private final List<Port> outputs;
    private final long seed;

    OnnxModel(OnnxMl.GraphProto graph, List<WeightSpec> weights, List<Port> inputs, List<Port> outputs, long seed) {
        this.graph = graph;
        this.weights = List.copyOf(weights);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.seed = seed;
    }

    List<Port> inputs() {
        return inputs;
    }

    List<Port> outputs() {
        return outputs;
    }

    /** The same graph with other input and output shapes (e.g. another pyramid stage's token count). */
    OnnxModel reshaped(List<Port> newInputs, List<Port> newOutputs) {
        OnnxMl.GraphProto.Builder builder = graph.toBuilder();
        for (int i = 0; i < newInputs.size(); i++) {
            builder.setInput(i, newInputs.get(i).toValueInfo());
        }
        for (int i = 0; i < newOutputs.size(); i++) {
            builder.setOutput(i, newOutputs.get(i).toValueInfo());
        }
        return new OnnxModel(builder.build(), weights, newInputs, newOutputs, seed);
    }

    /** Float weights the model holds (placeholders' real sizes; small constants not counted). */
    long parameterCount() {
        return weights.stream().mapToLong(WeightSpec::count).sum();
    }

    long weightBytes() {
        return parameterCount() * Float.BYTES;
    }

    /** Nodes of one op type, e.g. {@code MatMul}. */
    long count(String opType) {
        return graph.getNodeList().stream()
                .filter(node -> node.getOpType().equals(opType))
                .count();
    }

    /** The serialised model with its weights inline; for models under 2 GB. */
    byte[] toBytes() {
        if (weightBytes() > INLINE_LIMIT_BYTES) {
            throw new IllegalStateException(
                    "weights of " + weightBytes() + " bytes do not fit one protobuf message: write external data");
        }
        var random = new SplittableRandom(seed);
        Map<String, OnnxMl.TensorProto> filled = new HashMap<>();
        for (WeightSpec spec : weights) {
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(spec.count() * Float.BYTES))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < spec.count(); i++) {
                bytes.putFloat((float) (spec.mean() + spec.std() * random.nextGaussian()));
            }
            filled.put(
                    spec.name(),
                    tensor(spec).setRawData(ByteString.copyFrom(bytes.flip())).build());
        }
        return model(filled).toByteArray();
    }

    /**
     * The model with every weight's shape but none of its data (marked external, in a file that is never written):
     * for counting parameters and FLOPs of a full-scale graph. ONNX Runtime cannot load it.
     */
    OnnxMl.ModelProto withoutWeightData() {
        Map<String, OnnxMl.TensorProto> declared = new HashMap<>();
        for (WeightSpec spec : weights) {
            declared.put(
                    spec.name(),
                    tensor(spec)
                            .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                            .addExternalData(entry("location", "weights-not-written"))
                            .build());
        }
        return model(declared);
    }

    /**
     * Writes {@code dir/name.onnx}, with its weights inline when they fit protobuf's limit, else in {@code
     * dir/name.onnx.data} as ONNX external data (streamed: the weights are never all in memory).
     *
     * @return the files written
     */
    List<Path> write(Path dir, String name) throws IOException {
        return write(dir, name, INLINE_LIMIT_BYTES);
    }

    /** As {@link #write(Path, String)}, with weights over {@code inlineLimitBytes} going to external data. */
    List<Path> write(Path dir, String name, long inlineLimitBytes) throws IOException {
        Files.createDirectories(dir);
        Path model = dir.resolve(name + ".onnx");
        if (weightBytes() <= inlineLimitBytes) {
            Files.write(model, toBytes());
            return List.of(model);
        }
        Path data = dir.resolve(name + ".onnx.data");
        Map<String, OnnxMl.TensorProto> external = new HashMap<>();
        var random = new SplittableRandom(seed);
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(
                data, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            long offset = 0;
            for (WeightSpec spec : weights) {
                long length = spec.count() * Float.BYTES;
                for (long i = 0; i < spec.count(); i++) {
                    chunk.putFloat((float) (spec.mean() + spec.std() * random.nextGaussian()));
                    if (!chunk.hasRemaining()) {
                        out.write(chunk.flip());
                        chunk.clear();
                    }
                }
                out.write(chunk.flip());
                chunk.clear();
                external.put(
                        spec.name(),
                        tensor(spec)
                                .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                                .addExternalData(
                                        entry("location", data.getFileName().toString()))
                                .addExternalData(entry("offset", Long.toString(offset)))
                                .addExternalData(entry("length", Long.toString(length)))
                                .build());
                offset += length;
            }
        }
        try (OutputStream stream = Files.newOutputStream(model)) {
            model(external).writeTo(stream);
        }
        return List.of(model, data);
    }

    private OnnxMl.ModelProto model(Map<String, OnnxMl.TensorProto> replacements) {
        OnnxMl.GraphProto.Builder builder = graph.toBuilder();
        for (int i = 0; i < builder.getInitializerCount(); i++) {
            OnnxMl.TensorProto replacement =
                    replacements.get(builder.getInitializer(i).getName());
            if (replacement != null) {
                builder.setInitializer(i, replacement);
            }
        }
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(OnnxOp.IR_VERSION)
                .addOpsetImport(OnnxOp.opset())
                .setProducerName("tenshot")
                .setGraph(builder)
                .build();
    }

    private static OnnxMl.TensorProto.Builder tensor(WeightSpec spec) {
        var tensor = OnnxMl.TensorProto.newBuilder()
                .setName(spec.name())
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE);
        for (long dim : spec.dims()) {
            tensor.addDims(dim);
        }
        return tensor;
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder()
                .setKey(key)
                .setValue(value)
                .build();
    }
}
