package org.prdarts.repro;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A constant of a closed set (a method, a gate mode, a regularizer form) with one lower-case
 * spelling, the same on the command line and in JSON files ({@code "prdarts"}, {@code "top2"},
 * {@code "reference-code"}). {@link Json} writes such enums by their label and reads the label or
 * the constant's name.
 */
public interface Labeled {

    /** The spelling on the command line and in files: the name in lower case, '_' as '-'. */
    default String label() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The labels of an enum's constants, in declaration order. */
    static <E extends Enum<E> & Labeled> List<String> labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Labeled::label).toList();
    }

    /**
     * The constant spelled {@code text} (its label, or its name in any case).
     *
     * @param field the option or field, for the message ("gate-mode must be top2 or full, found 'x'")
     * @throws IllegalArgumentException naming the field, the allowed spellings and the value
     */
    static <E extends Enum<E> & Labeled> E parse(Class<E> type, String field, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.label().equals(text) || e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException(field + " must be " + choices(type) + ", found "
                + (text == null ? "null" : "'" + text + "'"));
    }

    /** "a or b", or "one of a, b, c". */
    static <E extends Enum<E> & Labeled> String choices(Class<E> type) {
        List<String> labels = labels(type);
        return labels.size() == 2 ? labels.get(0) + " or " + labels.get(1) : "one of " + String.join(", ", labels);
    }
}
