package org.prdarts.search;

import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.annotations.SerializedName;
import org.prdarts.search.derive.Decidedness;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * One epoch of a search, one line of metrics.jsonl: the fields every method writes, the method's
 * own facts ({@link Facts}), then the architecture learning rate and how decided both cells are
 * ({@link Architecture}). As JSON the three parts are one flat object in that order, so the file
 * reads as a table whatever the method.
 *
 * @param epoch     1-based
 * @param method    says which {@link Facts} the record holds ({@link Method#factsType})
 * @param trainLoss mean weight-step loss of the epoch
 * @param trainAcc  weight-step accuracy
 * @param validLoss mean architecture-step loss (the held-out half of the training data)
 * @param validAcc  architecture-step accuracy: the method's own supernet (DARTS the softmax mixture,
 *                  PR-DARTS a random gate sample) in training-mode BatchNorm, not comparable
 *                  between methods
 * @param derivedHeldOutLoss mean cross-entropy of the derived cell's discrete network (the
 *                  supernet restricted to the genotype's (edge, op) pairs, its weights as they are)
 *                  on the whole held-out (architecture) half, BatchNorm on batch statistics, no augmentation
 * @param derivedHeldOutAcc accuracy of that network there: the supernet accuracy comparable
 *                  across methods
 * @param archHessianEigenvalue largest eigenvalue of the Hessian of the architecture batch's
 *                  cross-entropy with respect to the architecture logits (Zela et al. 2020),
 *                  measured on the epoch's first architecture batch after its last step; NaN in the
 *                  epochs it is not measured ({@code --hessian-every})
 * @param lr        learning rate of the network weights
 * @param seconds   wall time of the epoch, resumes included
 */
@JsonAdapter(SearchEpoch.Adapter.class)
public record SearchEpoch(int epoch, Method method, double trainLoss, double trainAcc, double validLoss,
                          double validAcc, double derivedHeldOutLoss, double derivedHeldOutAcc,
                          double archHessianEigenvalue, double lr,
                          double seconds, Facts facts, Architecture architecture) {

    /** What a method adds to its epoch records: the cell it would derive now, and more. */
    public sealed interface Facts permits DartsFacts, PrDartsFacts {

        /** The derived genotype in its text form. */
        String genotype();

        /** skip_connect operations in the derived normal cell. */
        int skipNormal();

        /** skip_connect operations in the derived reduction cell. */
        int skipReduce();

        /** Intermediate nodes on the longest chain of the derived normal cell, skips included. */
        int nodeDepthNormal();

        /** Convolutions on the longest path through the derived normal cell (what the path term rewards). */
        int parametricDepthNormal();

        /** Convolutions on the longest path through the derived reduction cell. */
        int parametricDepthReduce();

        /** The table [edges][ops] the method's derivation ranks, of the normal cell. */
        float[][] scoresNormal();
    }

    /**
     * DARTS: the derived cell and both cells' softmax weights.
     *
     * @param weightsNormal softmax mixing weights [edges][ops] of the normal cell
     * @param weightsReduce the same of the reduction cell
     */
    public record DartsFacts(String genotype, int skipNormal, int skipReduce,
                             @SerializedName(value = "nodeDepthNormal", alternate = "depthNormal") int nodeDepthNormal,
                             int parametricDepthNormal, int parametricDepthReduce,
                             float[][] weightsNormal, float[][] weightsReduce) implements Facts {
        @Override
        public float[][] scoresNormal() {
            return weightsNormal;
        }
    }

    /**
     * PR-DARTS: the gate temperature, the derived cell and the reference code's, the epoch's mean
     * regularizer terms, and the gates' strength.
     *
     * <p>P(g != 0) = sigmoid(beta + tau ln(b / -a)) moves with the temperature schedule alone (at
     * beta = 0 from 0.917 to 0.560 as tau falls from 1 to 0.1), so the architecture's state is read
     * from beta ({@code meanBeta*}, {@code betaNormal}) or from P(g != 0) at the fixed tau = 1
     * ({@code pAtTau1*}); the fields at the epoch's tau carry {@code AtTau} in their names.
     *
     * @param tau                  hard-concrete temperature of the epoch
     * @param referenceGenotype    the cell the reference code's ranking derives
     * @param regularizers         mean value of each regularizer term over the epoch's steps
     * @param meanBetaSkipNormal   mean gate logit beta of skip_connect over the normal cell's edges
     * @param meanBetaNonSkipNormal mean beta of every other operation there
     * @param pAtTau1SkipNormal    mean P(g != 0) at tau = 1 of skip_connect over the normal cell's edges
     * @param pAtTau1NonSkipNormal mean P(g != 0) at tau = 1 of every other operation there
     * @param meanPAtTauSkipNormal mean P(g != 0) at the epoch's tau of skip_connect (moves with tau)
     * @param betaNormal           beta [edges][ops] of the normal cell
     * @param pNonZeroAtTauNormal  P(g != 0) at the epoch's tau [edges][ops] of the normal cell: the
     *                             derivation's score, the same ranking as beta
     * @param archGradientShares   per term (crossEntropy and each regularizer term), the norm of its
     *                             gradient with respect to the logits over the sum of those norms, mean
     *                             over the epoch's architecture steps (empty in a warm-up epoch or for an
     *                             earlier version's run)
     */
    public record PrDartsFacts(double tau, String genotype, int skipNormal, int skipReduce,
                               @SerializedName(value = "nodeDepthNormal", alternate = "depthNormal")
                               int nodeDepthNormal, int parametricDepthNormal, int parametricDepthReduce,
                               String referenceGenotype, int referenceSkipNormal,
                               @SerializedName(value = "referenceNodeDepthNormal", alternate = "referenceDepthNormal")
                               int referenceNodeDepthNormal, int referenceParametricDepthNormal,
                               Map<String, Double> regularizers,
                               double meanBetaSkipNormal, double meanBetaNonSkipNormal,
                               double meanBetaSkipReduce, double meanBetaNonSkipReduce,
                               double pAtTau1SkipNormal, double pAtTau1NonSkipNormal,
                               double pAtTau1SkipReduce, double pAtTau1NonSkipReduce,
                               @SerializedName(value = "meanPAtTauSkipNormal", alternate = "meanPSkipNormal")
                               double meanPAtTauSkipNormal,
                               @SerializedName(value = "meanPAtTauNonSkipNormal", alternate = "meanPNonSkipNormal")
                               double meanPAtTauNonSkipNormal,
                               @SerializedName(value = "meanPAtTauSkipReduce", alternate = "meanPSkipReduce")
                               double meanPAtTauSkipReduce,
                               @SerializedName(value = "meanPAtTauNonSkipReduce", alternate = "meanPNonSkipReduce")
                               double meanPAtTauNonSkipReduce,
                               float[][] betaNormal, float[][] betaReduce,
                               @SerializedName(value = "pNonZeroAtTauNormal", alternate = "pNonZeroNormal")
                               float[][] pNonZeroAtTauNormal,
                               @SerializedName(value = "pNonZeroAtTauReduce", alternate = "pNonZeroReduce")
                               float[][] pNonZeroAtTauReduce,
                               Map<String, Double> archGradientShares) implements Facts {
        @Override
        public float[][] scoresNormal() {
            return pNonZeroAtTauNormal;
        }
    }

    /**
     * The architecture learning rate and how decided both cells are ({@link Decidedness}).
     *
     * @param archLr    Adam's learning rate of the architecture logits
     * @param archNoise noise scale of a margin after the architecture steps so far
     * @param nullThreshold the margin the calibrated shuffled-label null reaches at this noise scale
     *                  ({@link Decidedness#NULL_Q95_NOISE_UNITS}); 0 in records of earlier versions
     * @param decidedBeyondNullNormal nodes of the normal cell with a margin above it
     */
    public record Architecture(double archLr, double archNoise, double archSpreadNormal, double archSpreadReduce,
                               double[] marginsNormal, double[] marginsReduce, int decidedNodesNormal,
                               int decidedNodesReduce, double[] entropyNormal, double[] entropyReduce,
                               double nullThreshold, int decidedBeyondNullNormal, int decidedBeyondNullReduce) {

        public static Architecture of(double archLr, Decidedness.Cell normal, Decidedness.Cell reduce) {
            return new Architecture(archLr, normal.noise(), normal.spread(), reduce.spread(), normal.margins(),
                    reduce.margins(), normal.decidedNodes(), reduce.decidedNodes(), normal.entropies(),
                    reduce.entropies(), normal.nullThreshold(), normal.decidedBeyondNull(),
                    reduce.decidedBeyondNull());
        }
    }

    /** Writes the record flat (common fields, facts, architecture) and reads it back by its method. */
    static final class Adapter implements JsonSerializer<SearchEpoch>, JsonDeserializer<SearchEpoch> {
        @Override
        public JsonElement serialize(SearchEpoch e, Type type, JsonSerializationContext c) {
            JsonObject o = new JsonObject();
            o.add("epoch", c.serialize(e.epoch()));
            o.add("method", c.serialize(e.method().label()));
            o.add("trainLoss", c.serialize(e.trainLoss()));
            o.add("trainAcc", c.serialize(e.trainAcc()));
            o.add("validLoss", c.serialize(e.validLoss()));
            o.add("validAcc", c.serialize(e.validAcc()));
            o.add("derivedHeldOutLoss", c.serialize(e.derivedHeldOutLoss()));
            o.add("derivedHeldOutAcc", c.serialize(e.derivedHeldOutAcc()));
            o.add("archHessianEigenvalue", c.serialize(e.archHessianEigenvalue()));
            o.add("lr", c.serialize(e.lr()));
            o.add("seconds", c.serialize(e.seconds()));
            c.serialize(e.facts()).getAsJsonObject().entrySet().forEach(f -> o.add(f.getKey(), f.getValue()));
            c.serialize(e.architecture()).getAsJsonObject().entrySet().forEach(f -> o.add(f.getKey(), f.getValue()));
            return o;
        }

        @Override
        public SearchEpoch deserialize(JsonElement json, Type type, JsonDeserializationContext c) {
            JsonObject o = json.getAsJsonObject();
            Method method;
            try {
                method = Method.parse("method", o.get("method").getAsString());
            } catch (IllegalArgumentException e) {
                throw new JsonParseException(e.getMessage(), e);
            }
            return new SearchEpoch(o.get("epoch").getAsInt(), method, number(o, "trainLoss", c),
                    number(o, "trainAcc", c), number(o, "validLoss", c), number(o, "validAcc", c),
                    optional(o, "derivedHeldOutLoss", c), optional(o, "derivedHeldOutAcc", c),
                    optional(o, "archHessianEigenvalue", c), number(o, "lr", c),
                    number(o, "seconds", c), c.deserialize(o, method.factsType()),
                    c.deserialize(o, Architecture.class));
        }

        /** A number, NaN where the file holds null or, written before the field existed, nothing. */
        private static double optional(JsonObject o, String name, JsonDeserializationContext c) {
            return o.has(name) ? number(o, name, c) : Double.NaN;
        }

        /** A number, NaN where the file holds null (how non-finite values are written). */
        private static double number(JsonObject o, String name, JsonDeserializationContext c) {
            if (!o.has(name)) {
                throw new JsonParseException("missing field '" + name + "'");
            }
            return c.<Double>deserialize(o.get(name), double.class);
        }
    }
}
