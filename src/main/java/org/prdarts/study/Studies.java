package org.prdarts.study;

/** Runs the study a plan names in its study directory. */
public final class Studies {
    private Studies() {
    }

    public static void run(StudyRun run) {
        switch (run.plan().study()) {
            case COLLAPSE -> CollapseStudy.run(run);
            case ABLATION -> AblationStudy.run(run);
            case SKIP_SPEED -> SkipSpeedStudy.run(run);
            case THEORY -> TheoryStudy.run(run);
            case NULL -> NullStudy.run(run);
            case SEARCH_QUALITY -> SearchQualityStudy.run(run);
            default -> throw new IllegalArgumentException("unknown study " + run.plan().study());
        }
    }
}
