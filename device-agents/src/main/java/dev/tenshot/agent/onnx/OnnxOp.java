package dev.tenshot.agent.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators the denoiser graph uses, at opset {@value #OPSET} of the default domain. Tribuo's own {@code
 * ONNXOperators} stops at opset 13 and lacks MatMul, Reshape, LayerNormalization and Gelu.
 */
enum OnnxOp implements ONNXOperator {
    ADD("Add", 2, 0),
    MUL("Mul", 2, 0),
    MAT_MUL("MatMul", 2, 0),
    CONCAT("Concat", ONNXAttribute.VARIADIC_INPUT, 0, attribute("axis", AttributeType.INT, true)),
    RESHAPE("Reshape", 2, 0),
    TRANSPOSE("Transpose", 1, 0, attribute("perm", AttributeType.INTS, false)),
    SLICE("Slice", 3, 2),
    SOFTMAX("Softmax", 1, 0, attribute("axis", AttributeType.INT, false)),
    LAYER_NORMALIZATION(
            "LayerNormalization",
            2,
            1,
            attribute("axis", AttributeType.INT, false),
            attribute("epsilon", AttributeType.FLOAT, false)),
    GELU("Gelu", 1, 0, attribute("approximate", AttributeType.STRING, false)),
    IDENTITY("Identity", 1, 0),
    SIGMOID("Sigmoid", 1, 0),
    CONV(
            "Conv",
            3,
            1,
            attribute("kernel_shape", AttributeType.INTS, false),
            attribute("strides", AttributeType.INTS, false),
            attribute("pads", AttributeType.INTS, false)),
    /** Resize with X, roi (empty) and scales; nearest-neighbour upsampling. */
    RESIZE("Resize", 3, 0, attribute("mode", AttributeType.STRING, false)),
    DEPTH_TO_SPACE(
            "DepthToSpace",
            1,
            0,
            attribute("blocksize", AttributeType.INT, true),
            attribute("mode", AttributeType.STRING, false));

    /** Opset 20 is the first with Gelu; IR version 9 is the one that goes with it. */
    static final int OPSET = 20;

    static final long IR_VERSION = 9;

    private final String opName;
    private final int inputs;
    private final int optionalInputs;
    private final Map<String, ONNXAttribute> attributes;
    private final Set<String> mandatoryAttributes;

    OnnxOp(String opName, int inputs, int optionalInputs, ONNXAttribute... attributes) {
        this.opName = opName;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        this.attributes = Arrays.stream(attributes)
                .collect(Collectors.toUnmodifiableMap(ONNXAttribute::getName, Function.identity()));
        this.mandatoryAttributes = Arrays.stream(attributes)
                .filter(ONNXAttribute::isMandatory)
                .map(ONNXAttribute::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The opset import a model built from these operators declares. */
    static OnnxMl.OperatorSetIdProto opset() {
        return OnnxMl.OperatorSetIdProto.newBuilder()
                .setDomain("")
                .setVersion(OPSET)
                .build();
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return mandatoryAttributes;
    }

    @Override
    public int getOpVersion() {
        return OPSET;
    }

    @Override
    public String getOpDomain() {
        return "";
    }

    private static ONNXAttribute attribute(String name, AttributeType type, boolean mandatory) {
        return new ONNXAttribute(name, type, mandatory);
    }
}
