package dev.tenshot.agent.onnx;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parameters and FLOPs of an ONNX model with static input shapes, read from the model itself: parameters from the
 * float initializers' shapes, FLOPs by propagating shapes through the graph and counting each MatMul and Conv as 2
 * FLOPs per multiply-accumulate (the convention of {@code MmditCostModel}; element-wise ops are not counted). Knows
 * the operators our stage graphs use and fails on any other, rather than guess.
 *
 * @param parameters float values held by initializers
 * @param flops multiply and add operations of the matrix products and convolutions
 */
record GraphCost(long parameters, double flops) {

    static GraphCost of(OnnxMl.ModelProto model) {
        OnnxMl.GraphProto graph = model.getGraph();
        Map<String, long[]> shapes = new HashMap<>();
        Map<String, long[]> constants = new HashMap<>();
        long parameters = 0;
        for (OnnxMl.TensorProto tensor : graph.getInitializerList()) {
            long[] dims =
                    tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
            shapes.put(tensor.getName(), dims);
            if (tensor.getDataType() == OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
                parameters += product(dims);
            } else if (tensor.getDataType() == OnnxMl.TensorProto.DataType.INT64_VALUE) {
                constants.put(tensor.getName(), int64s(tensor));
            }
        }
        for (OnnxMl.ValueInfoProto input : graph.getInputList()) {
            shapes.put(
                    input.getName(),
                    input.getType().getTensorType().getShape().getDimList().stream()
                            .mapToLong(OnnxMl.TensorShapeProto.Dimension::getDimValue)
                            .toArray());
        }
        double flops = 0;
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            List<long[]> in = node.getInputList().stream().map(shapes::get).toList();
            if (in.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("node " + node.getName() + " reads a value of unknown shape");
            }
            long[] out;
            switch (node.getOpType()) {
                case "MatMul" -> {
                    out = matMul(in.get(0), in.get(1));
                    long k = in.get(0)[in.get(0).length - 1];
                    flops += 2.0 * product(out) * k;
                }
                case "Conv" -> {
                    long[] x = in.get(0);
                    long[] w = in.get(1);
                    long[] strides = ints(node, "strides", new long[] {1, 1});
                    long[] pads = ints(node, "pads", new long[] {0, 0, 0, 0});
                    out = new long[] {
                        x[0],
                        w[0],
                        (x[2] + pads[0] + pads[2] - w[2]) / strides[0] + 1,
                        (x[3] + pads[1] + pads[3] - w[3]) / strides[1] + 1
                    };
                    flops += 2.0 * product(out) * w[1] * w[2] * w[3];
                }
                case "Add", "Mul", "Sub", "Div" -> out = broadcast(in.get(0), in.get(1));
                case "Sigmoid", "Gelu", "Softmax", "LayerNormalization", "Identity", "Relu" -> out = in.get(0);
                case "Transpose" -> {
                    long[] perm = ints(node, "perm", null);
                    out = new long[perm.length];
                    for (int i = 0; i < perm.length; i++) {
                        out[i] = in.get(0)[(int) perm[i]];
                    }
                }
                case "Reshape" -> out = reshape(in.get(0), constant(constants, node.getInput(1)));
                case "Concat" -> {
                    int axis = axis(ints(node, "axis", null)[0], in.get(0).length);
                    out = in.get(0).clone();
                    out[axis] = in.stream().mapToLong(shape -> shape[axis]).sum();
                }
                case "Slice" -> {
                    out = in.get(0).clone();
                    int axis = axis(constant(constants, node.getInput(3))[0], out.length);
                    long size = out[axis];
                    long start = clamp(constant(constants, node.getInput(1))[0], size);
                    long end = clamp(constant(constants, node.getInput(2))[0], size);
                    out[axis] = Math.max(0, end - start);
                }
                case "Resize" -> {
                    out = in.get(0).clone();
                    out[2] *= 2;
                    out[3] *= 2;
                }
                case "DepthToSpace" -> {
                    long block = ints(node, "blocksize", null)[0];
                    long[] x = in.get(0);
                    out = new long[] {x[0], x[1] / (block * block), x[2] * block, x[3] * block};
                }
                default ->
                    throw new IllegalArgumentException(
                            "cannot cost op " + node.getOpType() + " (node " + node.getName() + ")");
            }
            shapes.put(node.getOutput(0), out);
        }
        return new GraphCost(parameters, flops);
    }

    private static long[] matMul(long[] a, long[] b) {
        long[] batch =
                broadcast(Arrays.copyOf(a, a.length - 2), b.length > 2 ? Arrays.copyOf(b, b.length - 2) : new long[0]);
        long[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = a[a.length - 2];
        out[batch.length + 1] = b[b.length - 1];
        return out;
    }

    private static long[] broadcast(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long y = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            out[i] = Math.max(x, y);
        }
        return out;
    }

    private static long[] reshape(long[] in, long[] target) {
        long[] out = target.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = in[i];
            }
            if (out[i] == -1) {
                unknown = i;
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            out[unknown] = product(in) / known;
        }
        return out;
    }

    private static long clamp(long index, long size) {
        long resolved = index < 0 ? index + size : index;
        return Math.max(0, Math.min(size, resolved));
    }

    private static int axis(long axis, int rank) {
        return (int) (axis < 0 ? axis + rank : axis);
    }

    private static long[] constant(Map<String, long[]> constants, String name) {
        long[] values = constants.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no int64 constant " + name);
        }
        return values;
    }

    private static long[] ints(OnnxMl.NodeProto node, String name, long @Nullable [] fallback) {
        for (OnnxMl.AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute.getIntsCount() > 0
                        ? attribute.getIntsList().stream()
                                .mapToLong(Long::longValue)
                                .toArray()
                        : new long[] {attribute.getI()};
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("node " + node.getName() + " has no attribute " + name);
        }
        return fallback;
    }

    private static long[] int64s(OnnxMl.TensorProto tensor) {
        if (tensor.getInt64DataCount() > 0) {
            return tensor.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        var buffer = ByteBuffer.wrap(tensor.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        long[] values = new long[buffer.remaining() / Long.BYTES];
        buffer.asLongBuffer().get(values);
        return values;
    }

    private static long product(long[] dims) {
        return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    }
}
