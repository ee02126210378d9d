package org.prdarts.search;

import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;
import com.google.gson.annotations.JsonAdapter;
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
 * @param validAcc  architecture-step accuracy
 * @param lr        learning rate of the network weights
 * @param seconds   wall time of the epoch, resumes included
 */
@JsonAdapter(SearchEpoch.Adapter.class)
public record SearchEpoch(int epoch, Method method, double trainLoss, double trainAcc, double validLoss,
                          double validAcc, double lr, double seconds, Facts facts, Architecture architecture) {

    /** What a method adds to its epoch records: the cell it would derive now, and more. */
    public sealed interface Facts permits DartsFacts, PrDartsFacts {

        /** The derived genotype in its text form. */
        String genotype();

        /** skip_connect operations in the derived normal cell. */
        int skipNormal();

        /** skip_connect operations in the derived reduction cell. */
        int skipReduce();

        /** Depth of the derived normal cell. */
        int depthNormal();

        /** The table [edges][ops] the method's derivation ranks, of the normal cell. */
        float[][] scoresNormal();
    }

    /**
     * DARTS: the derived cell and both cells' softmax weights.
     *
     * @param weightsNormal softmax mixing weights [edges][ops] of the normal cell
     * @param weightsReduce the same of the reduction cell
     */
    public record DartsFacts(String genotype, int skipNormal, int skipReduce, int depthNormal,
                             float[][] weightsNormal, float[][] weightsReduce) implements Facts {
        @Override
        public float[][] scoresNormal() {
            return weightsNormal;
        }
    }

    /**
     * PR-DARTS: the gate temperature, the derived cell and the reference code's, the epoch's mean
     * regularizer terms, and the gates' probabilities of being non-zero.
     *
     * @param tau                  hard-concrete temperature of the epoch
     * @param referenceGenotype    the cell the reference code's ranking derives
     * @param regularizers         mean value of each regularizer term over the epoch's steps
     * @param meanPSkipNormal      mean P(g != 0) of skip_connect over the normal cell's edges
     * @param meanPNonSkipNormal   mean P(g != 0) of every other operation there
     * @param pNonZeroNormal       P(g != 0) [edges][ops] of the normal cell
     */
    public record PrDartsFacts(double tau, String genotype, int skipNormal, int skipReduce, int depthNormal,
                               String referenceGenotype, int referenceSkipNormal, int referenceDepthNormal,
                               Map<String, Double> regularizers, double meanPSkipNormal, double meanPNonSkipNormal,
                               double meanPSkipReduce, double meanPNonSkipReduce, float[][] pNonZeroNormal,
                               float[][] pNonZeroReduce) implements Facts {
        @Override
        public float[][] scoresNormal() {
            return pNonZeroNormal;
        }
    }

    /**
     * The architecture learning rate and how decided both cells are ({@link Decidedness}).
     *
     * @param archLr    Adam's learning rate of the architecture logits
     * @param archNoise noise scale of a margin after the architecture steps so far
     */
    public record Architecture(double archLr, double archNoise, double archSpreadNormal, double archSpreadReduce,
                               double[] marginsNormal, double[] marginsReduce, int decidedNodesNormal,
                               int decidedNodesReduce, double[] entropyNormal, double[] entropyReduce) {

        public static Architecture of(double archLr, Decidedness.Cell normal, Decidedness.Cell reduce) {
            return new Architecture(archLr, normal.noise(), normal.spread(), reduce.spread(), normal.margins(),
                    reduce.margins(), normal.decidedNodes(), reduce.decidedNodes(), normal.entropies(),
                    reduce.entropies());
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
                    number(o, "trainAcc", c), number(o, "validLoss", c), number(o, "validAcc", c), number(o, "lr", c),
                    number(o, "seconds", c), c.deserialize(o, method.factsType()),
                    c.deserialize(o, Architecture.class));
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
