package org.prdarts.search.relax;

import ai.djl.ndarray.NDArray;

/** Conversions between [rows, cols] NDArrays and host tables. */
public final class Tables {
    private Tables() {
    }

    public static float[][] toTable(NDArray a) {
        long[] shape = a.getShape().getShape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("expected a 2-d array, found shape " + a.getShape());
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] flat = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[][] t = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, t[r], 0, cols);
        }
        return t;
    }
}
