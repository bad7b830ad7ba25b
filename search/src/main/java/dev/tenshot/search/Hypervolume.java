package dev.tenshot.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exact hypervolume of a point set in 2 or 3 dimensions, every objective minimised: the volume dominated by the set
 * and bounded by the reference point. Points not strictly better than the reference in every objective add nothing.
 * 2D sweeps the points sorted by the first objective, O(n log n); 3D sums 2D slices along the third, O(n^2 log n).
 */
public final class Hypervolume {

    private Hypervolume() {}

    /**
     * @param points each of the reference's length (2 or 3), minimised
     * @param reference the worst point that counts
     * @return the hypervolume, {@code >= 0}
     * @throws IllegalArgumentException for other dimensions or a point of the wrong length
     */
    public static double of(List<double[]> points, double[] reference) {
        int dimensions = reference.length;
        if (dimensions != 2 && dimensions != 3) {
            throw new IllegalArgumentException("hypervolume supports 2 or 3 objectives: " + dimensions);
        }
        var inside = new ArrayList<double[]>(points.size());
        for (double[] point : points) {
            if (point.length != dimensions) {
                throw new IllegalArgumentException(
                        "point " + Arrays.toString(point) + " does not have " + dimensions + " objectives");
            }
            if (strictlyBetter(point, reference)) {
                inside.add(point);
            }
        }
        return dimensions == 2 ? area(inside, reference[0], reference[1]) : volume(inside, reference);
    }

    private static boolean strictlyBetter(double[] point, double[] reference) {
        for (int i = 0; i < point.length; i++) {
            if (!(point[i] < reference[i])) {
                return false;
            }
        }
        return true;
    }

    private static double area(List<double[]> points, double referenceX, double referenceY) {
        var sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double area = 0;
        double bestY = referenceY;
        for (double[] point : sorted) {
            if (point[1] < bestY) {
                area += (referenceX - point[0]) * (bestY - point[1]);
                bestY = point[1];
            }
        }
        return area;
    }

    private static double volume(List<double[]> points, double[] reference) {
        var sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[2]));
        double volume = 0;
        var slice = new ArrayList<double[]>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            slice.add(sorted.get(i));
            double top = i + 1 < sorted.size() ? sorted.get(i + 1)[2] : reference[2];
            double height = top - sorted.get(i)[2];
            if (height > 0) {
                volume += area(slice, reference[0], reference[1]) * height;
            }
        }
        return volume;
    }
}
