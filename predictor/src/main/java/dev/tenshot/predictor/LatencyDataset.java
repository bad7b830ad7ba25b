package dev.tenshot.predictor;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A latency dataset in tenshot's generic format (any search space): {@code archs.csv} ({@code arch_id},
 * {@code arch_string}, then numeric feature columns; other non-numeric columns are labels), {@code latency.csv.gz}
 * ({@code device,arch_id,latency_ms}), {@code splits.csv} ({@code device,split}: meta_train, meta_valid,
 * meta_test), {@code reference.csv} ({@code position,arch_id}) and optionally {@code query.csv} ({@code arch_id}).
 *
 * @param archStrings the {@code arch_string} column (the architecture in its space's own notation), or the ids
 * @param features one row per architecture, in file order
 * @param measurements per device: which rows it measured and the latencies
 * @param queryRows rows scored on test devices; without query.csv, every non-reference row
 */
public record LatencyDataset(
        List<String> archIds,
        List<String> archStrings,
        List<String> featureNames,
        double[][] features,
        Map<String, SourceDevice> measurements,
        Map<String, String> splits,
        int[] referenceRows,
        int[] queryRows) {

    public static final String META_TRAIN = "meta_train";
    public static final String META_VALID = "meta_valid";
    public static final String META_TEST = "meta_test";

    public LatencyDataset {
        archIds = List.copyOf(archIds);
        archStrings = List.copyOf(archStrings);
        featureNames = List.copyOf(featureNames);
        measurements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
        splits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(splits)); // file order, unlike Map.copyOf
    }

    /**
     * @throws IllegalArgumentException naming the file and line when the data is malformed
     * @throws UncheckedIOException when a file cannot be read
     */
    public static LatencyDataset read(Path directory) {
        return read(name -> {
            Path file = directory.resolve(name);
            try {
                return Files.exists(file) ? Files.newInputStream(file) : null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        });
    }

    /**
     * Reads the dataset's files from wherever {@code files} opens them (a directory, class path resources); it
     * answers null for a file that is not there.
     */
    public static LatencyDataset read(Function<String, @Nullable InputStream> files) {
        List<String[]> archs = csv(files, "archs.csv");
        String[] header = archs.getFirst();
        List<String[]> rows = archs.subList(1, archs.size());
        List<Integer> numeric = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (!header[c].equals("arch_id") && isNumeric(rows, c)) {
                numeric.add(c);
            }
        }
        List<String> archIds = new ArrayList<>();
        List<String> archStrings = new ArrayList<>();
        int archStringColumn = java.util.Arrays.asList(header).indexOf("arch_string");
        Map<String, Integer> rowOf = new HashMap<>();
        double[][] features = new double[rows.size()][numeric.size()];
        for (int r = 0; r < rows.size(); r++) {
            String id = rows.get(r)[0];
            archIds.add(id);
            archStrings.add(archStringColumn < 0 ? id : rows.get(r)[archStringColumn]);
            rowOf.put(id, r);
            for (int f = 0; f < numeric.size(); f++) {
                features[r][f] = Double.parseDouble(rows.get(r)[numeric.get(f)]);
            }
        }
        List<String> featureNames = numeric.stream().map(c -> header[c]).toList();

        Map<String, List<double[]>> byDevice = new LinkedHashMap<>();
        List<String[]> latency = csv(files, "latency.csv.gz");
        for (int line = 1; line < latency.size(); line++) {
            String[] row = latency.get(line);
            Integer arch = rowOf.get(row[1]);
            if (arch == null) {
                throw new IllegalArgumentException("latency.csv.gz line " + (line + 1) + ": unknown arch_id " + row[1]);
            }
            byDevice.computeIfAbsent(row[0], d -> new ArrayList<>())
                    .add(new double[] {arch, Double.parseDouble(row[2])});
        }
        Map<String, SourceDevice> measurements = new LinkedHashMap<>();
        byDevice.forEach((device, pairs) -> measurements.put(
                device,
                new SourceDevice(
                        device,
                        pairs.stream().mapToInt(p -> (int) p[0]).toArray(),
                        pairs.stream().mapToDouble(p -> p[1]).toArray())));

        Map<String, String> splits = new LinkedHashMap<>();
        for (String[] row : body(csv(files, "splits.csv"))) {
            splits.put(row[0], row[1]);
        }
        int[] reference = body(csv(files, "reference.csv")).stream()
                .mapToInt(row -> rowOrThrow(rowOf, row[1], "reference.csv"))
                .toArray();
        int[] query;
        if (files.apply("query.csv") instanceof InputStream probe) {
            close(probe);
            query = body(csv(files, "query.csv")).stream()
                    .mapToInt(row -> rowOrThrow(rowOf, row[0], "query.csv"))
                    .toArray();
        } else {
            var isReference = new java.util.HashSet<Integer>();
            for (int r : reference) {
                isReference.add(r);
            }
            query = java.util.stream.IntStream.range(0, rows.size())
                    .filter(r -> !isReference.contains(r))
                    .toArray();
        }
        return new LatencyDataset(archIds, archStrings, featureNames, features, measurements, splits, reference, query);
    }

    /**
     * The same data under other splits, read from a {@code device,split} file (a hard split beside HELP's).
     *
     * @throws IllegalArgumentException when the file names a device the dataset does not have
     */
    public LatencyDataset withSplits(Path splitsFile) {
        Map<String, String> other = new LinkedHashMap<>();
        for (String[] row : body(csv(
                name -> {
                    try {
                        return Files.newInputStream(splitsFile);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + splitsFile, e);
                    }
                },
                splitsFile.getFileName().toString()))) {
            if (!measurements.containsKey(row[0])) {
                throw new IllegalArgumentException(splitsFile + ": no device " + row[0] + " in the dataset");
            }
            other.put(row[0], row[1]);
        }
        return new LatencyDataset(
                archIds, archStrings, featureNames, features, measurements, other, referenceRows, queryRows);
    }

    /**
     * The same data scored on other query architectures, read from an {@code arch_id} file (for example the corners a
     * search reaches).
     *
     * @throws IllegalArgumentException when the file names an architecture the dataset does not have
     */
    public LatencyDataset withQuery(Path queryFile) {
        var ids = new LinkedHashMap<String, Integer>();
        for (int row = 0; row < archIds.size(); row++) {
            ids.put(archIds.get(row), row);
        }
        var rows = new ArrayList<Integer>();
        for (String[] line :
                body(csv(name -> open(queryFile), queryFile.getFileName().toString()))) {
            Integer row = ids.get(line[0]);
            if (row == null) {
                throw new IllegalArgumentException(queryFile + ": no architecture " + line[0] + " in the dataset");
            }
            rows.add(row);
        }
        return new LatencyDataset(
                archIds,
                archStrings,
                featureNames,
                features,
                measurements,
                splits,
                referenceRows,
                rows.stream().mapToInt(Integer::intValue).toArray());
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The devices of one split, in file order. */
    public List<String> devicesIn(String split) {
        return splits.entrySet().stream()
                .filter(e -> e.getValue().equals(split) && measurements.containsKey(e.getKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** A training set of these source devices over all architectures. */
    public TrainingSet trainingSet(List<String> devices) {
        return new TrainingSet(
                featureNames,
                features,
                referenceRows,
                devices.stream().map(measurements::get).toList());
    }

    /** The device's latency at each row, NaN where it did not measure. */
    public double[] latencyByRow(String device) {
        double[] byRow = new double[features.length];
        java.util.Arrays.fill(byRow, Double.NaN);
        SourceDevice measured = measurements.get(device);
        if (measured == null) {
            throw new IllegalArgumentException("no device " + device + " in the dataset");
        }
        for (int i = 0; i < measured.rows().length; i++) {
            byRow[measured.rows()[i]] = measured.latencyMs()[i];
        }
        return byRow;
    }

    private static int rowOrThrow(Map<String, Integer> rowOf, String id, String file) {
        Integer row = rowOf.get(id);
        if (row == null) {
            throw new IllegalArgumentException(file + ": unknown arch_id " + id);
        }
        return row;
    }

    private static boolean isNumeric(List<String[]> rows, int column) {
        for (String[] row : rows) {
            if (column >= row.length || parse(row[column]) == null) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable Double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String[]> body(List<String[]> rows) {
        return rows.subList(1, rows.size());
    }

    private static List<String[]> csv(Function<String, @Nullable InputStream> files, String name) {
        InputStream in = files.apply(name);
        if (in == null) {
            throw new IllegalArgumentException("the dataset has no " + name);
        }
        try (Reader reader = new InputStreamReader(
                        name.endsWith(".gz") ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8);
                var csv = new CSVReader(reader)) {
            List<String[]> rows = new ArrayList<>(csv.readAll()); // readAll gives a LinkedList: no get(i) on it
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(name + " is empty");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        } catch (CsvException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
