package org.prdarts.study;

import org.prdarts.search.SearchJob;
import org.prdarts.theory.TheoryConfig;
import org.prdarts.train.TrainJob;

import java.util.List;

/**
 * Everything a study runs, resolved; written to the study directory as study-plan.json so that
 * {@code --resume} continues with exactly these settings.
 *
 * @param study          which study
 * @param preset         the preset it started from
 * @param seeds          one sub-run per seed (and method or variant)
 * @param search         the search every search sub-run starts from (method, seed and directory are set per
 *                       sub-run); null for studies without searches
 * @param train          the training every training sub-run starts from (genotype, seed and directory are set
 *                       per sub-run); null for studies without training
 * @param lossWindow     skip-speed: the loss after the fixed number of steps is the mean over this many last steps
 * @param theory         the theory experiments' sizes; null for the other studies
 * @param randomCells    search-quality: random cells drawn from the space (seeds 1..n), each trained like
 *                       the searched ones; 0 for the other studies
 * @param trainSeeds     search-quality: every cell is trained once per training seed; empty for the others
 * @param maxTrainSeeds  search-quality: up to this many training seeds when the spread of one fixed cell
 *                       asks for more than {@code trainSeeds} (no more than those when it is not above their
 *                       number); 0 for the others
 */
public record StudyPlan(StudyName study, String preset, List<Long> seeds, SearchJob search, TrainJob train,
                        int lossWindow, TheoryConfig theory, int randomCells, List<Long> trainSeeds,
                        int maxTrainSeeds) {

    /** A plan of a study without random cells or training seeds of its own. */
    public StudyPlan(StudyName study, String preset, List<Long> seeds, SearchJob search, TrainJob train,
                     int lossWindow, TheoryConfig theory) {
        this(study, preset, seeds, search, train, lossWindow, theory, 0, List.of(), 0);
    }

    public StudyPlan {
        trainSeeds = trainSeeds == null ? List.of() : List.copyOf(trainSeeds);
        if (study == StudyName.SEARCH_QUALITY && (randomCells < 1 || trainSeeds.isEmpty())) {
            throw new IllegalArgumentException("a search-quality study needs at least one random cell and one "
                    + "training seed, found " + randomCells + " and " + trainSeeds);
        }
        if (trainSeeds.stream().distinct().count() != trainSeeds.size()) {
            throw new IllegalArgumentException("train-seeds must be distinct, found " + trainSeeds);
        }
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds must list at least one seed, found none");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds must be distinct, found " + seeds);
        }
        seeds = List.copyOf(seeds);
        if (lossWindow < 1) {
            throw new IllegalArgumentException("loss window must be >= 1 step, found " + lossWindow);
        }
        boolean needsSearch = study == StudyName.COLLAPSE || study == StudyName.ABLATION
                || study == StudyName.NULL || study == StudyName.SEARCH_QUALITY;
        boolean needsTrain = study == StudyName.ABLATION || study == StudyName.SKIP_SPEED
                || study == StudyName.SEARCH_QUALITY;
        if (needsSearch != (search != null) || needsTrain != (train != null)
                || (study == StudyName.THEORY) != (theory != null)) {
            throw new IllegalArgumentException("a " + study.label() + " study plan must hold "
                    + (needsSearch ? "a search" : "no search") + ", " + (needsTrain ? "a training" : "no training")
                    + " and " + (study == StudyName.THEORY ? "a theory config" : "no theory config"));
        }
    }

    public StudyPlan withSeeds(List<Long> newSeeds) {
        return new StudyPlan(study, preset, newSeeds, search, train, lossWindow, theory, randomCells, trainSeeds,
                maxTrainSeeds);
    }

    public StudyPlan withSearch(SearchJob newSearch) {
        return new StudyPlan(study, preset, seeds, newSearch, train, lossWindow, theory, randomCells, trainSeeds,
                maxTrainSeeds);
    }

    public StudyPlan withTrain(TrainJob newTrain) {
        return new StudyPlan(study, preset, seeds, search, newTrain, lossWindow, theory, randomCells, trainSeeds,
                maxTrainSeeds);
    }

    public StudyPlan withRandomCells(int n) {
        return new StudyPlan(study, preset, seeds, search, train, lossWindow, theory, n, trainSeeds, maxTrainSeeds);
    }

    /** Fixed training seeds: every cell is trained with exactly these, none added. */
    public StudyPlan withTrainSeeds(List<Long> newTrainSeeds) {
        return new StudyPlan(study, preset, seeds, search, train, lossWindow, theory, randomCells, newTrainSeeds, 0);
    }
}
