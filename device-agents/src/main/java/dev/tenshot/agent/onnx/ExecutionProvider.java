package dev.tenshot.agent.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where ONNX Runtime runs the graph. Only {@link #CPU} is in the runtime this project bundles; the others need an ONNX
 * Runtime build that includes them (e.g. {@code onnxruntime_gpu} for CUDA and TensorRT, a QNN build on Snapdragon).
 */
public enum ExecutionProvider {
    CPU("cpu", OrtProvider.CPU, "cpu"),
    CUDA("cuda", OrtProvider.CUDA, "gpu"),
    TENSORRT("tensorrt", OrtProvider.TENSOR_RT, "gpu"),
    /** Qualcomm's QNN with the Hexagon (HTP) backend. */
    QNN("qnn", OrtProvider.QNN, "npu");

    private final String id;
    private final OrtProvider provider;
    private final String deviceKind;

    ExecutionProvider(String id, OrtProvider provider, String deviceKind) {
        this.id = id;
        this.provider = provider;
        this.deviceKind = deviceKind;
    }

    /** The provider named {@code cpu}, {@code cuda}, {@code tensorrt} or {@code qnn} (any case). */
    public static ExecutionProvider parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(provider -> provider.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown execution provider '" + name + "': use one of "
                        + Arrays.stream(values()).map(ExecutionProvider::id).collect(Collectors.joining(", "))));
    }

    /** Lower-case name, as recorded with devices and measurements. */
    public String id() {
        return id;
    }

    /** {@code cpu}, {@code gpu} or {@code npu}. */
    public String deviceKind() {
        return deviceKind;
    }

    OrtProvider ortProvider() {
        return provider;
    }

    void addTo(OrtSession.SessionOptions options) throws OrtException {
        switch (this) {
            case CPU -> {} // ONNX Runtime's default provider
            case CUDA -> options.addCUDA(0);
            case TENSORRT -> options.addTensorrt(0);
            case QNN -> options.addQnn(Map.of("backend_path", "libQnnHtp.so"));
        }
    }
}
