package org.prdarts.study;

import java.util.Arrays;
import java.util.List;

/** The studies {@code prdarts study} runs, by their command-line names. */
public enum StudyName {
    COLLAPSE("collapse"), ABLATION("ablation"), SKIP_SPEED("skip-speed"), THEORY("theory"), NULL("null"),
    SEARCH_QUALITY("search-quality");

    private final String label;

    StudyName(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(StudyName::label).toList();
    }

    public static StudyName parse(String text) {
        for (StudyName n : values()) {
            if (n.label.equals(text)) {
                return n;
            }
        }
        throw new IllegalArgumentException("study must be one of " + String.join(", ", labels()) + ", found '"
                + text + "'");
    }
}
