package dev.tenshot.search;

import java.util.Arrays;

/**
 * The Jenetics fitness of a candidate: every objective negated where needed so that all are maximised (latency and
 * parameters enter negated, quality as is), plus the constraint violation. Not a Jenetics {@code Vec}, whose
 * dominance knows nothing of constraints: {@link #dominance} implements Deb's constrained domination instead.
 */
record Fitness(double[] objectives, double violation) implements Comparable<Fitness> {

    Fitness {
        objectives = objectives.clone();
    }

    static Fitness of(Candidate candidate, boolean withParameters) {
        double[] objectives = withParameters
                ? new double[] {-candidate.latencyMs(), candidate.quality(), -candidate.denoiserParameters()}
                : new double[] {-candidate.latencyMs(), candidate.quality()};
        return new Fitness(objectives, candidate.violation());
    }

    boolean feasible() {
        return violation == 0;
    }

    /**
     * Constrained domination (Deb et al., NSGA-II, 2002), Jenetics' sign convention: positive when {@code a}
     * dominates {@code b}, negative when {@code b} dominates {@code a}, 0 otherwise. A feasible candidate dominates
     * every infeasible one; of two infeasible ones the smaller violation dominates; two feasible ones compare by Pareto
     * dominance of their objectives.
     */
    static int dominance(Fitness a, Fitness b) {
        if (a.feasible() && b.feasible()) {
            return paretoDominance(a.objectives, b.objectives);
        }
        if (a.feasible() != b.feasible()) {
            return a.feasible() ? 1 : -1;
        }
        return Double.compare(b.violation, a.violation);
    }

    /** Pareto dominance of maximised vectors, as {@code Vec.dominance} but without its generic comparator calls. */
    private static int paretoDominance(double[] a, double[] b) {
        boolean aBetter = false;
        boolean bBetter = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                aBetter = true;
            } else if (b[i] > a[i]) {
                bBetter = true;
            }
        }
        return aBetter == bBetter ? 0 : aBetter ? 1 : -1;
    }

    static int compare(Fitness a, Fitness b, int objective) {
        return Double.compare(a.objectives[objective], b.objectives[objective]);
    }

    static double distance(Fitness a, Fitness b, int objective) {
        return a.objectives[objective] - b.objectives[objective];
    }

    int dimensions() {
        return objectives.length;
    }

    /**
     * A total order consistent with constrained domination where it decides (feasible first, then less violation),
     * broken lexicographically by objective. Jenetics uses it only to name a "best" phenotype.
     */
    @Override
    public int compareTo(Fitness other) {
        if (feasible() != other.feasible()) {
            return feasible() ? 1 : -1;
        }
        int byViolation = Double.compare(other.violation, violation);
        return byViolation != 0 ? byViolation : Arrays.compare(objectives, other.objectives);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fitness that
                && violation == that.violation
                && Arrays.equals(objectives, that.objectives);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(objectives) + Double.hashCode(violation);
    }

    @Override
    public String toString() {
        return "Fitness" + Arrays.toString(objectives) + " violation " + violation;
    }
}
