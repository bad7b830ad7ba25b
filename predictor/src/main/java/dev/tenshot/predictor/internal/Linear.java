package dev.tenshot.predictor.internal;

import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;

/** The few matrix operations the Bayesian linear model needs, on Tribuo's dense matrices. */
public final class Linear {

    private Linear() {}

    /** {@code A^T A + diagonal * I} for a design matrix with rows as samples. */
    public static double[][] gram(double[][] rows, double diagonal) {
        double[] ones = new double[rows.length];
        java.util.Arrays.fill(ones, 1);
        return weightedGram(rows, ones, diagonal);
    }

    /** {@code A^T W A + diagonal * I} for per-row weights {@code W}. */
    public static double[][] weightedGram(double[][] rows, double[] weights, double diagonal) {
        int p = rows[0].length;
        double[][] gram = new double[p][p];
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            for (int i = 0; i < p; i++) {
                double ri = row[i] * weights[r];
                if (ri == 0) {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    gram[i][j] += ri * row[j];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            gram[i][i] += diagonal;
        }
        return gram;
    }

    /** {@code A^T W y} for per-row weights {@code W}. */
    public static double[] weightedTransposeTimes(double[][] rows, double[] weights, double[] y) {
        double[] out = new double[rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            double wy = weights[r] * y[r];
            for (int j = 0; j < out.length; j++) {
                out[j] += rows[r][j] * wy;
            }
        }
        return out;
    }

    /** {@code A^T y}. */
    public static double[] transposeTimes(double[][] rows, double[] y) {
        double[] out = new double[rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += rows[r][j] * y[r];
            }
        }
        return out;
    }

    /** Solves {@code M x = b} for symmetric positive definite {@code M}. */
    public static double[] solve(double[][] spd, double[] b) {
        return cholesky(spd).solve(DenseVector.createDenseVector(b)).toArray();
    }

    /** The inverse of a symmetric positive definite matrix. */
    public static double[][] inverse(double[][] spd) {
        int p = spd.length;
        var identity = new DenseMatrix(p, p);
        for (int i = 0; i < p; i++) {
            identity.set(i, i, 1);
        }
        DenseMatrix inverse = cholesky(spd).solve(identity);
        double[][] out = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                out[i][j] = inverse.get(i, j);
            }
        }
        return out;
    }

    public static double[] times(double[][] matrix, double[] vector) {
        double[] out = new double[matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = dot(matrix[i], vector);
        }
        return out;
    }

    public static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** {@code x^T M x}. */
    public static double quadratic(double[][] matrix, double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                sum += x[i] * dot(matrix[i], x);
            }
        }
        return sum;
    }

    private static DenseMatrix.CholeskyFactorization cholesky(double[][] spd) {
        int p = spd.length;
        double[][] symmetric = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                symmetric[i][j] = (spd[i][j] + spd[j][i]) / 2; // rounding can break exact symmetry
            }
        }
        return DenseMatrix.createDenseMatrix(symmetric)
                .choleskyFactorization()
                .orElseThrow(() -> new IllegalStateException("matrix is not positive definite"));
    }
}
