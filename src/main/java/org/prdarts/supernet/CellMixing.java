package org.prdarts.supernet;

/** The mixing of both cell types for one forward pass: every normal cell shares one, every reduction cell the other. */
public record CellMixing(Mixing normal, Mixing reduce) {

    /** The mixing a cell of this type uses. */
    public Mixing of(boolean reduction) {
        return reduction ? reduce : normal;
    }
}
