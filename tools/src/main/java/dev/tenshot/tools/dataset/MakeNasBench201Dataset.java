package dev.tenshot.tools.dataset;

import dev.tenshot.space.nasbench201.NasBench201Space;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes HELP's NAS-Bench-201 latency tables (given in the generic dataset format) into the repository with the
 * space's own features: each arch's one-hot ops are recomputed from its cell string and checked against the source
 * columns, then the cell's cost columns follow (NasBench201Space). Latencies, HELP's split, reference set and query
 * set are copied unchanged; the hard splits (sources unlike the targets) are written beside them.
 *
 * <p>Usage: scripts/make-nasbench201-dataset SOURCE_DIR [--out OUT_DIR]
 */
public class MakeNasBench201Dataset {

    /** Sources that are only desktop GPUs; targets every CPU, phone and accelerator. */
    static final Map<String, String> GPU_SOURCES = Map.ofEntries(
            Map.entry("1080ti_1", "meta_train"), Map.entry("1080ti_32", "meta_train"),
            Map.entry("1080ti_256", "meta_train"), Map.entry("titanx_1", "meta_train"),
            Map.entry("titanx_32", "meta_train"), Map.entry("titanx_256", "meta_train"),
            Map.entry("gold_6240", "meta_valid"), Map.entry("samsung_s7", "meta_valid"),
            Map.entry("gold_6226", "meta_test"), Map.entry("silver_4114", "meta_test"),
            Map.entry("silver_4210r", "meta_test"), Map.entry("samsung_a50", "meta_test"),
            Map.entry("pixel2", "meta_test"), Map.entry("pixel3", "meta_test"),
            Map.entry("essential_ph_1", "meta_test"), Map.entry("raspi4", "meta_test"),
            Map.entry("eyeriss", "meta_test"), Map.entry("fpga", "meta_test"));

    /** Sources that are servers (desktop GPUs and server CPUs); targets phones, a Raspberry Pi and accelerators. */
    static final Map<String, String> SERVER_SOURCES = Map.ofEntries(
            Map.entry("1080ti_1", "meta_train"),
            Map.entry("1080ti_32", "meta_train"),
            Map.entry("1080ti_256", "meta_train"),
            Map.entry("titanx_1", "meta_train"),
            Map.entry("titanx_32", "meta_train"),
            Map.entry("titanx_256", "meta_train"),
            Map.entry("titan_rtx_256", "meta_train"),
            Map.entry("gold_6226", "meta_train"),
            Map.entry("gold_6240", "meta_train"),
            Map.entry("silver_4114", "meta_train"),
            Map.entry("silver_4210r", "meta_train"),
            Map.entry("samsung_s7", "meta_valid"),
            Map.entry("eyeriss", "meta_valid"),
            Map.entry("samsung_a50", "meta_test"),
            Map.entry("pixel2", "meta_test"),
            Map.entry("pixel3", "meta_test"),
            Map.entry("essential_ph_1", "meta_test"),
            Map.entry("raspi4", "meta_test"),
            Map.entry("fpga", "meta_test"));

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        var space = NasBench201Space.instance();
        List<String> lines = Files.readAllLines(source.resolve("archs.csv"));
        String[] header = lines.getFirst().split(",");
        if (!List.of(header)
                .subList(2, header.length)
                .equals(space.featureNames().subList(0, header.length - 2))) {
            throw new IllegalStateException("source one-hot columns differ from the space's: " + lines.getFirst());
        }
        var written = new ArrayList<String>(lines.size());
        written.add("arch_id,arch_string," + String.join(",", space.featureNames()));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            var cell = NasBench201Space.parse(cells[1]).orElseThrow(() -> new IllegalStateException(line));
            double[] features = space.features(cell);
            var row = new StringBuilder(cells[0]).append(',').append(cells[1]);
            for (int j = 0; j < features.length; j++) {
                if (j < cells.length - 2 && Double.parseDouble(cells[j + 2]) != features[j]) {
                    throw new IllegalStateException("arch " + cells[0] + ": one-hot column " + j + " differs");
                }
                row.append(',').append(format(features[j]));
            }
            written.add(row.toString());
        }
        Files.write(out.resolve("archs.csv"), written);
        for (String file : List.of("latency.csv.gz", "splits.csv", "reference.csv", "query.csv")) {
            Files.copy(source.resolve(file), out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        writeSplits(out.resolve("splits-gpu-sources.csv"), GPU_SOURCES);
        writeSplits(out.resolve("splits-server-sources.csv"), SERVER_SOURCES);
        System.out.printf(
                "nasbench201_dataset archs=%d features=%d%n",
                written.size() - 1, space.featureNames().size());
    }

    private static void writeSplits(Path file, Map<String, String> splits) throws IOException {
        var lines = new ArrayList<String>();
        lines.add("device,split");
        splits.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add(e.getKey() + "," + e.getValue()));
        Files.write(file, lines);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
