package org.prdarts.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.search.SearchListener;
import org.prdarts.space.Genotype;
import org.prdarts.space.ops.Primitives;
import org.prdarts.train.TrainListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The study logic without running a network: plans, resumed sub-runs, summary statistics. */
class StudyTest {

    /** Sub-runs that never start a search or a training; notes are kept. */
    private static final class Notes implements StudyRun.Listeners {
        final List<String> notes = new ArrayList<>();

        @Override
        public SearchListener search(String subRun) {
            throw new AssertionError("no search expected, asked for " + subRun);
        }

        @Override
        public TrainListener train(String subRun) {
            throw new AssertionError("no training expected, asked for " + subRun);
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }
    }

    @Test
    void presetsResolveToPlansWithWhatEachStudyRuns() {
        StudyPlan collapse = StudyPresets.plan(StudyName.COLLAPSE, "quick", "synthetic");
        assertEquals(List.of(1L, 2L, 3L), collapse.seeds());
        assertTrue(collapse.search() != null && collapse.train() == null && collapse.theory() == null);
        assertEquals(14, collapse.search().data().imageSize(), "quick runs on half-size images");
        assertEquals(0, StudyPresets.plan(StudyName.COLLAPSE, "full", "synthetic").search().data().imageSize());

        StudyPlan ablation = StudyPresets.plan(StudyName.ABLATION, "quick", "cifar10");
        assertTrue(ablation.search() != null && ablation.train() != null);
        assertEquals(16, ablation.search().data().imageSize());

        StudyPlan skipSpeed = StudyPresets.plan(StudyName.SKIP_SPEED, "quick", "synthetic");
        assertNull(skipSpeed.search());
        assertEquals(50, skipSpeed.lossWindow());

        assertEquals(List.of(1L), StudyPresets.plan(StudyName.THEORY, "quick", "synthetic").seeds());
        assertEquals(3, StudyPresets.plan(StudyName.THEORY, "full", "synthetic").seeds().size());

        assertEquals("preset must be one of quick, full, found 'slow'", assertThrows(IllegalArgumentException.class,
                () -> StudyPresets.plan(StudyName.COLLAPSE, "slow", "synthetic")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> collapse.withTrain(ablation.train()));
        assertEquals("seeds must be distinct, found [1, 1]", assertThrows(IllegalArgumentException.class,
                () -> collapse.withSeeds(List.of(1L, 1L))).getMessage());
    }

    @Test
    void aResumedStudyTakesFinishedSubRunsFromItsResult(@TempDir Path dir) {
        StudyPlan plan = StudyPresets.plan(StudyName.THEORY, "quick", "synthetic");
        Path study = dir.resolve("study");
        StudyRun first = StudyRun.start(study, plan, new Notes(), Long.MAX_VALUE, List.of("prdarts", "study"));
        Map<String, Object> done = first.once("a", () -> Map.of("loss", 0.5));
        assertEquals(0.5, Records.number(done, "loss"));
        assertEquals(0, first.reused());

        Notes notes = new Notes();
        StudyRun resumed = StudyRun.resume(study, p -> p, notes, Long.MAX_VALUE, List.of("prdarts", "study"));
        assertEquals(plan, resumed.plan());
        Map<String, Object> again = resumed.once("a", () -> fail("a finished sub-run is not run again"));
        assertEquals(0.5, Records.number(again, "loss"));
        assertEquals("a", again.get("name"));
        assertEquals(1, resumed.reused());
        assertTrue(notes.notes.stream().anyMatch(n -> n.startsWith("a: finished before")), notes.notes.toString());
        assertEquals(2.0, Records.number(resumed.once("b", () -> Map.of("loss", 2.0)), "loss"));
        assertEquals(1, resumed.reused());

        assertThrows(IllegalArgumentException.class,
                () -> StudyRun.start(study, plan, new Notes(), Long.MAX_VALUE, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> StudyRun.resume(dir.resolve("none"), p -> p, new Notes(), Long.MAX_VALUE, List.of()));
    }

    @Test
    void summaryStatisticsOfHandMadeRecords() {
        Records.Stats s = Records.Stats.of(new double[] {1, 2, 3, 4});
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-12);
        assertEquals(1, s.min());
        assertEquals(4, s.max());
        assertTrue(Double.isNaN(Records.Stats.of(new double[] {7}).std()), "one value has no sample std");
        assertTrue(Double.isNaN(Records.Stats.of(new double[0]).mean()));

        Map<String, Object> record = Map.of("acc", 0.75, "name", "darts-seed1", "curve", List.of(1.0, 0.5));
        assertEquals(0.75, Records.number(record, "acc"));
        assertTrue(Double.isNaN(Records.number(record, "name")));
        assertEquals("", Records.text(record, "missing"));
        assertEquals(List.of(1.0, 0.5), Records.boxed(Records.numbers(record.get("curve"))));

        assertEquals(2.5, SkipSpeedStudy.tailMean(new double[] {9, 2, 3}, 2), 1e-12);
        assertEquals(14.0 / 3, SkipSpeedStudy.tailMean(new double[] {9, 2, 3}, 10), 1e-12);
        assertTrue(Double.isNaN(SkipSpeedStudy.tailMean(new double[0], 3)));
    }

    @Test
    void skipSpeedReplacesTheNamedPairsBySkipConnections() {
        Genotype base = StudyPresets.SKIP_SPEED_BASE;
        assertEquals(base, SkipSpeedStudy.withSkips(base, 0));
        Genotype two = SkipSpeedStudy.withSkips(base, 2);
        for (int i = 0; i < base.normal().size(); i++) {
            boolean replaced = i == SkipSpeedStudy.REPLACED[0] || i == SkipSpeedStudy.REPLACED[1];
            assertEquals(replaced ? Primitives.SKIP_CONNECT : base.normal().get(i).op(), two.normal().get(i).op());
            assertEquals(base.normal().get(i).input(), two.normal().get(i).input());
        }
        assertEquals(base.reduce(), two.reduce());
    }
}
