package dev.tenshot.predictor.internal;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Gradient-boosted trees (Tribuo's XGBoost) for what the linear model misses. Trained through Tribuo, so the model
 * carries Tribuo's provenance and serialisation; scored straight through the XGBoost booster on one dense matrix
 * per batch, disposed after use: Tribuo's per-example path builds a native matrix per call and never frees it.
 */
public final class ResidualModel {

    private final XGBoostModel<Regressor> model;
    private final Booster booster;
    private final int[] boosterColumn;
    private final int boosterColumns;

    private ResidualModel(XGBoostModel<Regressor> model, int inputs) {
        this.model = model;
        this.booster = model.getInnerModels().getFirst();
        ImmutableFeatureMap features = model.getFeatureIDMap();
        this.boosterColumns = features.size();
        this.boosterColumn = new int[inputs];
        for (int i = 0; i < inputs; i++) {
            var info = features.get(name(i));
            boosterColumn[i] = info == null ? -1 : info.getID();
        }
    }

    /**
     * @param inputs one row per example
     * @param targets what to learn
     */
    public static ResidualModel train(double[][] inputs, double[] targets, int trees, long seed) {
        var data = new MutableDataset<Regressor>(
                new SimpleDataSourceProvenance("tenshot few-shot residuals", new RegressionFactory()),
                new RegressionFactory());
        for (int r = 0; r < inputs.length; r++) {
            data.add(example(inputs[r], targets[r]));
        }
        var trainer = new XGBoostRegressionTrainer(
                XGBoostRegressionTrainer.RegressionType.LINEAR, trees, 0.05, 0, 5, 1, 0.8, 0.8, 1, 0, 1, true, seed);
        return new ResidualModel(trainer.train(data, Map.<String, Provenance>of()), inputs[0].length);
    }

    /** Scores a batch on one thread (the caller decides the parallelism). */
    public double[] predict(double[][] inputs) {
        int rows = inputs.length;
        float[] dense = new float[rows * boosterColumns];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < boosterColumn.length; i++) {
                if (boosterColumn[i] >= 0) {
                    dense[r * boosterColumns + boosterColumn[i]] = (float) inputs[r][i];
                }
            }
        }
        DMatrix matrix = null;
        try {
            matrix = new DMatrix(dense, rows, boosterColumns, Float.NaN);
            float[][] scores = booster.predict(matrix);
            double[] out = new double[rows];
            for (int r = 0; r < rows; r++) {
                out[r] = scores[r][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to score " + rows + " rows", e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    /** Columns of an input row. */
    public int inputs() {
        return boosterColumn.length;
    }

    /** Tribuo's protobuf serialisation, base64. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(model.serialize().toByteArray());
    }

    @SuppressWarnings("unchecked") // we only ever store regression XGBoost models here
    public static ResidualModel fromBase64(String base64, int inputs) {
        try {
            Model<?> model =
                    Model.deserialize(ModelProto.parseFrom(Base64.getDecoder().decode(base64)));
            return new ResidualModel((XGBoostModel<Regressor>) model, inputs);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a serialised residual model", e);
        }
    }

    /** Tribuo's provenance of the trees (trainer, parameters, data), as text. */
    public String provenance() {
        return model.getProvenance().toString();
    }

    private static Example<Regressor> example(double[] input, double target) {
        List<Feature> features = new ArrayList<>(input.length);
        for (int i = 0; i < input.length; i++) {
            features.add(new Feature(name(i), input[i]));
        }
        var example = new ArrayExample<>(new Regressor("residual", target));
        example.addAll(features);
        return example;
    }

    /** Zero-padded so Tribuo's sorted feature ids follow our column order. */
    private static String name(int column) {
        return String.format("f%04d", column);
    }
}
