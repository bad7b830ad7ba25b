package dev.tenshot.agent.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkloadScaleTest {

    @Test
    void keepsHeadsOf64() {
        assertThat(WorkloadScale.defaults().heads()).isEqualTo(3);
        assertThatThrownBy(() -> new WorkloadScale(100, 16, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100");
    }

    @Test
    void dividesImageTokensButKeepsAtLeastOne() {
        var scale = new WorkloadScale(192, 16, 16);

        assertThat(scale.imageTokens(280)).isEqualTo(18);
        assertThat(scale.imageTokens(4480)).isEqualTo(280);
        assertThat(new WorkloadScale(64, 1000, 4).imageTokens(280)).isEqualTo(1);
    }

    @Test
    void parsesExecutionProvidersByName() {
        assertThat(ExecutionProvider.parse("QNN")).isEqualTo(ExecutionProvider.QNN);
        assertThatThrownBy(() -> ExecutionProvider.parse("tpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tpu")
                .hasMessageContaining("cpu, cuda, tensorrt, qnn");
    }
}
