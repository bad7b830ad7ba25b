package dev.tenshot.tools.bench;

import dev.tenshot.predictor.DevicePredictor;
import dev.tenshot.predictor.LatencyDataset;
import dev.tenshot.predictor.MetaModel;
import dev.tenshot.predictor.PredictorSettings;
import dev.tenshot.search.AdditiveLatency;
import dev.tenshot.search.Candidate;
import dev.tenshot.search.Hypervolume;
import dev.tenshot.search.LatencyEstimator;
import dev.tenshot.search.ParetoSearch;
import dev.tenshot.search.QualityModel;
import dev.tenshot.search.ReferencePoint;
import dev.tenshot.search.SearchBudget;
import dev.tenshot.search.SearchConstraints;
import dev.tenshot.search.SearchProblem;
import dev.tenshot.search.SearchResult;
import dev.tenshot.space.mmdit.MlpWidth;
import dev.tenshot.space.mmdit.MmditConfig;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.moeaframework.algorithm.NSGAII;
import org.moeaframework.core.PRNG;
import org.moeaframework.core.Solution;
import org.moeaframework.core.population.NondominatedPopulation;
import org.moeaframework.core.variable.BinaryIntegerVariable;
import org.moeaframework.problem.AbstractProblem;

/**
 * Search quality and speed. On an additive problem (latency and quality both additive over blocks and steps, so
 * {@code AdditiveLatency.exactFront} from the search tests gives the true front) ParetoSearch is compared, at the same evaluation budget and population,
 * with the exact front, with random search and with MOEA Framework's NSGA-II on the same genotype; then a default job
 * runs through the real meta-model predictor adapted to one MMDiT validation device. Last line: hv_vs_exact=<x>
 * hv_vs_random=<x> hv_vs_peer=<x> time_vs_peer=<x> default_job_s=<x>
 */
public class SearchBench {

    static final MmditPruningSpace SPACE = MmditPruningSpace.neodragon();
    static final QualityModel QUALITY =
            QualityModel.illustrative(SPACE.depth(), SPACE.base().pyramid());
    static final SearchBudget BUDGET = new SearchBudget(200, 165); // 200 + 164 * 120 = 19,880 evaluations
    static final SearchBudget DEFAULT_JOB = new SearchBudget(200, 250);
    static final long[] SEEDS = {1, 2, 3};
    static final String TARGET_DEVICE = "sim:snapdragon-8-elite-npu";

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args.length > 0 ? args[0] : "datasets/mmdit");
        var latency = new AdditiveLatency();
        var problem = new SearchProblem(
                SPACE,
                latency,
                QUALITY,
                SearchConstraints.none(),
                false,
                new ReferencePoint(1.1 * latency.latencyMs(MmditConfig.full(SPACE.base())), 0.0, 0.0));
        double[] reference = {
            problem.reference().latencyMs(), -problem.reference().quality()
        };
        var exact = latency.exactFront(SPACE, QUALITY).stream()
                .map(p -> new double[] {p[0], p[1] - 1})
                .toList();
        double exactHv = Hypervolume.of(exact, reference);
        System.out.printf(
                "additive problem: depth %d, %d stages, exact front %d points, hypervolume %.6f%n",
                SPACE.depth(), SPACE.base().pyramid().stages(), exact.size(), exactHv);

        // warm-up (JIT) for both searches
        long evaluations = ParetoSearch.run(problem, BUDGET, 0, p -> {})
                .history()
                .getLast()
                .evaluations();
        if (evaluations > 20_000) {
            throw new IllegalStateException("budget too large: " + evaluations + " evaluations");
        }
        Peer.run(latency, peerBudget((int) evaluations), BUDGET.population(), 0);
        System.out.printf(
                "budget: population %d, %d generations (Jenetics re-evaluates only altered offspring, so"
                        + " evaluations vary by seed); random search gets our evaluations, the peer as many whole"
                        + " generations as fit in them%n",
                BUDGET.population(), BUDGET.generations());
        System.out.printf(
                "peer: %s NSGA-II, MOEA Framework %s (binary-integer genes, its default operators)%n",
                "org.moeaframework",
                NSGAII.class.getPackage().getImplementationVersion() == null
                        ? "5.0"
                        : NSGAII.class.getPackage().getImplementationVersion());

        double sumExact = 0, sumRandom = 0, sumPeer = 0, sumTime = 0;
        for (long seed : SEEDS) {
            long start = System.nanoTime();
            SearchResult ours = ParetoSearch.run(problem, BUDGET, seed, p -> {});
            double oursSeconds = (System.nanoTime() - start) / 1e9;
            double oursHv = Hypervolume.of(points(ours.front()), reference);
            int oursEvaluations = (int) ours.history().getLast().evaluations();

            double randomHv = Hypervolume.of(randomFront(latency, oursEvaluations, seed), reference);

            start = System.nanoTime();
            var peer = Peer.run(latency, peerBudget(oursEvaluations), BUDGET.population(), seed);
            double peerSeconds = (System.nanoTime() - start) / 1e9;
            double peerHv = Hypervolume.of(peer.evaluated(), reference);
            double peerResultHv = Hypervolume.of(peer.result(), reference);

            System.out.printf(
                    "seed %d: ours hv %.6f (%.5f of exact, front %d, %d evaluations, %.3f s) | random hv"
                            + " %.6f | peer hv %.6f (all evaluated; final population %.6f, %d evaluations, %.3f s)%n",
                    seed,
                    oursHv,
                    oursHv / exactHv,
                    ours.front().size(),
                    oursEvaluations,
                    oursSeconds,
                    randomHv,
                    peerHv,
                    peerResultHv,
                    peer.evaluations(),
                    peerSeconds);
            sumExact += oursHv / exactHv;
            sumRandom += oursHv / randomHv;
            sumPeer += oursHv / peerHv;
            sumTime += oursSeconds / peerSeconds;
        }
        int n = SEEDS.length;

        // default job through the real predictor
        var data = LatencyDataset.read(dataset);
        long trainStart = System.nanoTime();
        var model = MetaModel.train(
                data.trainingSet(data.devicesIn(LatencyDataset.META_TRAIN)),
                PredictorSettings.defaults(),
                SPACE.name(),
                Instant.now());
        List<String> valid = data.devicesIn(LatencyDataset.META_VALID);
        String target = valid.contains(TARGET_DEVICE) ? TARGET_DEVICE : valid.getFirst();
        double[] byRow = data.latencyByRow(target);
        double[] measured =
                Arrays.stream(data.referenceRows()).mapToDouble(r -> byRow[r]).toArray();
        double[][] referenceFeatures = Arrays.stream(data.referenceRows())
                .mapToObj(r -> data.features()[r])
                .toArray(double[][]::new);
        DevicePredictor predictor = model.adapt(referenceFeatures, measured, referenceFeatures, measured);
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        System.out.printf(
                "meta-model trained and adapted to %s in %.1f s (service start-up; not in the job time)%n",
                target, trainSeconds);

        long jobStart = System.nanoTime();
        var estimator = new PredictorLatency(predictor);
        double fullMs = estimator.estimateMs(List.of(MmditConfig.full(SPACE.base())))[0];
        var job = new SearchProblem(
                SPACE, estimator, QUALITY, SearchConstraints.none(), false, new ReferencePoint(1.1 * fullMs, 0.0, 0.0));
        SearchResult result = ParetoSearch.run(job, DEFAULT_JOB, 42, p -> {});
        double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
        var last = result.history().getLast();
        System.out.printf(
                "default job: population %d, %d generations, %d evaluations (%d predicted in %d batches),"
                        + " front %d, hv %.4f, %.2f s (target < 10 s)%n",
                DEFAULT_JOB.population(),
                DEFAULT_JOB.generations(),
                last.evaluations(),
                estimator.predicted,
                estimator.batches,
                result.front().size(),
                last.hypervolume(),
                jobSeconds);

        System.out.printf(
                "hv_vs_exact=%.5f hv_vs_random=%.4f hv_vs_peer=%.4f time_vs_peer=%.3f default_job_s=%.2f%n",
                sumExact / n, sumRandom / n, sumPeer / n, sumTime / n, jobSeconds);
    }

    /** The peer's NSGA-II runs whole generations of {@code population} offspring: the most that fit in ours. */
    static int peerBudget(int oursEvaluations) {
        int population = BUDGET.population();
        return population + (oursEvaluations - population) / population * population;
    }

    static List<double[]> points(List<Candidate> front) {
        return front.stream()
                .map(c -> new double[] {c.latencyMs(), -c.quality()})
                .toList();
    }

    /** Random search: sampled configs scored in one batch; the hypervolume ignores the dominated ones. */
    static List<double[]> randomFront(LatencyEstimator latency, int configs, long seed) {
        var random = new SplittableRandom(seed);
        var sampled = new ArrayList<MmditConfig>(configs);
        for (int i = 0; i < configs; i++) {
            sampled.add(SPACE.sample(random));
        }
        double[] ms = latency.estimateMs(sampled);
        var points = new ArrayList<double[]>(configs);
        for (int i = 0; i < configs; i++) {
            points.add(new double[] {ms[i], -QUALITY.quality(sampled.get(i))});
        }
        return points;
    }

    /** The real predictor behind the search's interface: features per config, one model call per batch. */
    static final class PredictorLatency implements LatencyEstimator {

        final DevicePredictor predictor;
        long predicted;
        long batches;

        PredictorLatency(DevicePredictor predictor) {
            this.predictor = predictor;
        }

        @Override
        public double[] estimateMs(List<MmditConfig> configs) {
            double[][] features = new double[configs.size()][];
            for (int i = 0; i < features.length; i++) {
                features[i] = SPACE.features(configs.get(i));
            }
            predicted += configs.size();
            batches++;
            return predictor.predictLatencies(features);
        }
    }

    /** MOEA Framework NSGA-II on the same genotype, objectives, population and evaluation count. */
    static final class Peer extends AbstractProblem {

        record Outcome(List<double[]> evaluated, List<double[]> result, int evaluations) {}

        static final int DEPTH = SPACE.depth();
        static final int STAGES = SPACE.base().pyramid().stages();
        static final int MAX_STEPS = SPACE.base().pyramid().maxStepsPerStage();
        static final MlpWidth[] WIDTHS = MlpWidth.values();

        final LatencyEstimator latency;
        final List<double[]> evaluated = new ArrayList<>();

        Peer(LatencyEstimator latency) {
            super((DEPTH - 1) + DEPTH + STAGES, 2);
            this.latency = latency;
        }

        static Outcome run(LatencyEstimator latency, int evaluations, int population, long seed) {
            PRNG.setSeed(seed);
            var problem = new Peer(latency);
            var algorithm = new NSGAII(problem);
            algorithm.setInitialPopulationSize(population);
            algorithm.run(evaluations);
            NondominatedPopulation result = algorithm.getResult();
            var resultPoints = new ArrayList<double[]>();
            for (Solution solution : result) {
                resultPoints.add(solution.getObjectiveValues());
            }
            return new Outcome(problem.evaluated, resultPoints, algorithm.getNumberOfEvaluations());
        }

        @Override
        public Solution newSolution() {
            var solution = new Solution(numberOfVariables, 2);
            int v = 0;
            for (int block = 0; block < DEPTH - 1; block++) {
                solution.setVariable(v++, new BinaryIntegerVariable(0, 1));
            }
            for (int block = 0; block < DEPTH; block++) {
                solution.setVariable(v++, new BinaryIntegerVariable(0, WIDTHS.length - 1));
            }
            for (int stage = 0; stage < STAGES; stage++) {
                solution.setVariable(v++, new BinaryIntegerVariable(1, MAX_STEPS));
            }
            return solution;
        }

        @Override
        public void evaluate(Solution solution) {
            int[] genes = BinaryIntegerVariable.getInt(solution);
            var keep = new ArrayList<Boolean>(DEPTH);
            var widths = new ArrayList<MlpWidth>(DEPTH);
            for (int block = 0; block < DEPTH; block++) {
                keep.add(block == DEPTH - 1 || genes[block] == 1);
                widths.add(WIDTHS[genes[DEPTH - 1 + block]]);
            }
            var steps = new ArrayList<Integer>(STAGES);
            for (int stage = 0; stage < STAGES; stage++) {
                steps.add(genes[2 * DEPTH - 1 + stage]);
            }
            var config = new MmditConfig(keep, widths, steps);
            double[] objectives = {latency.estimateMs(List.of(config))[0], -QUALITY.quality(config)};
            solution.setObjectiveValues(objectives);
            evaluated.add(objectives);
        }
    }
}
