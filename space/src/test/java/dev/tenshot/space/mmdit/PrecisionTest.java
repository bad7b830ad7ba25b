package dev.tenshot.space.mmdit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrecisionTest {

    @ParameterizedTest
    @CsvSource({
        "fp32, FP32, 4",
        "W8A16, W8A16, 1",
        "w8a16, W8A16, 1",
        "int8, INT8, 1",
        "fp8, INT8, 1",
        "fp16, FP16, 2",
        "bf16, FP16, 2",
        "w4a16, W4A16, 0.5",
        "int4, W4A16, 0.5",
        "' fp16 ', FP16, 2",
        "mixed, FP32, 4",
    })
    void readsADevicesLabelByItsBitWidths(String label, Precision expected, double bytesPerWeight) {
        Precision precision = Precision.ofLabel(label);

        assertThat(precision).isEqualTo(expected);
        assertThat(precision.weightBytes()).isEqualTo(bytesPerWeight);
    }
}
