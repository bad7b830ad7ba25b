package dev.tenshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import io.jenetics.util.RandomRegistry;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MmditCodecTest {

    private final MmditCodec codec = MmditCodec.of(TestData.SPACE);

    @Test
    void decodesRandomGenotypesToValidConfigsAndBack() {
        var genotypes = RandomRegistry.with(new SplittableRandom(7)).call(() -> {
            var factory = codec.encoding();
            return java.util.stream.Stream.generate(factory::newInstance)
                    .limit(500)
                    .toList();
        });

        for (var genotype : genotypes) {
            MmditConfig config = codec.decode(genotype);

            assertThat(genotype.isValid()).isTrue();
            assertThat(config.depth()).isEqualTo(24);
            assertThat(config.keep().getLast()).as("last block kept").isTrue();
            assertThat(config.steps()).hasSize(3).allSatisfy(s -> assertThat(s).isBetween(1, 10));
            assertThat(codec.decode(codec.encode(config))).isEqualTo(config);
        }
        assertThat(genotypes.stream().map(codec::decode).flatMap(c -> c.steps().stream()))
                .as("both step bounds are reachable")
                .contains(1, 10);
        assertThat(genotypes.stream().map(codec::decode).flatMap(c -> c.mlpWidths().stream()))
                .contains(MlpWidth.values());
    }

    @Test
    void roundTripsTheFullModel() {
        var full = MmditConfig.full(TestData.SPACE.base());

        var genotype = codec.encode(full);

        assertThat(genotype.geneCount()).isEqualTo(23 + 24 + 3);
        assertThat(codec.decode(genotype)).isEqualTo(full);
    }

    @Test
    void rejectsConfigsOfAnotherShape() {
        var shallow = new MmditConfig(List.of(true, true), List.of(MlpWidth.FULL, MlpWidth.HALF), List.of(1, 1, 1));

        assertThatThrownBy(() -> codec.encode(shallow)).isInstanceOf(IllegalArgumentException.class);
    }
}
