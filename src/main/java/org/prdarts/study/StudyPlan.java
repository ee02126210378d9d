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
 */
public record StudyPlan(StudyName study, String preset, List<Long> seeds, SearchJob search, TrainJob train,
                        int lossWindow, TheoryConfig theory) {

    public StudyPlan {
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
                || study == StudyName.NULL;
        boolean needsTrain = study == StudyName.ABLATION || study == StudyName.SKIP_SPEED;
        if (needsSearch != (search != null) || needsTrain != (train != null)
                || (study == StudyName.THEORY) != (theory != null)) {
            throw new IllegalArgumentException("a " + study.label() + " study plan must hold "
                    + (needsSearch ? "a search" : "no search") + ", " + (needsTrain ? "a training" : "no training")
                    + " and " + (study == StudyName.THEORY ? "a theory config" : "no theory config"));
        }
    }

    public StudyPlan withSeeds(List<Long> newSeeds) {
        return new StudyPlan(study, preset, newSeeds, search, train, lossWindow, theory);
    }

    public StudyPlan withSearch(SearchJob newSearch) {
        return new StudyPlan(study, preset, seeds, newSearch, train, lossWindow, theory);
    }

    public StudyPlan withTrain(TrainJob newTrain) {
        return new StudyPlan(study, preset, seeds, search, newTrain, lossWindow, theory);
    }
}
