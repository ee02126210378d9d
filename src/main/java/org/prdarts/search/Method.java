package org.prdarts.search;

import org.prdarts.repro.Labeled;

/** The search methods, spelled {@code darts} and {@code prdarts} on the command line and in files. */
public enum Method implements Labeled {
    /** DARTS (Liu, Simonyan, Yang, ICLR 2019): softmax mixing, optional second-order gradient. */
    DARTS,
    /** PR-DARTS (Zhou, Xiong, Socher, Hoi, NeurIPS 2020): hard-concrete gates and path regularization. */
    PRDARTS;

    /** The method spelled {@code text}; the message names the option, e.g. "method". */
    public static Method parse(String field, String text) {
        return Labeled.parse(Method.class, field, text);
    }

    @Override
    public String toString() {
        return label();
    }
}
