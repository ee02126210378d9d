package org.prdarts.space;

/**
 * One cell of a network plan: both inputs are preprocessed to {@code channels} channels at the
 * resolution of s1 (FactorizedReduce for s0 after a reduction, else ReLU-conv1x1-BN), every node
 * has {@code channels} channels, and the output concatenates the kept nodes.
 *
 * @param index            position of the cell, from 0
 * @param reduction        whether the cell halves the resolution (stride 2 on the edges leaving its inputs)
 * @param reductionPrev    whether the previous cell (or the ImageNet stem) reduced, so s0 has twice s1's resolution
 * @param prevPrevChannels C_{k-2}: channels of the input s0
 * @param prevChannels     C_{k-1}: channels of the input s1
 * @param channels         C of this cell, the channels of each node
 * @param outChannels      channels of the cell's output
 * @param prevPrevSize     resolution of s0
 * @param inputSize        resolution of s1, which the preprocessing brings s0 to
 * @param outputSize       resolution of the nodes and the output
 */
public record CellPlan(int index, boolean reduction, boolean reductionPrev, int prevPrevChannels,
                       int prevChannels, int channels, int outChannels, Resolution prevPrevSize,
                       Resolution inputSize, Resolution outputSize) {

    /** Stride of an edge reading from the given input (0 = s0, 1 = s1, 2.. = nodes) of a cell. */
    public static int stride(boolean reduction, int input) {
        return reduction && input < 2 ? 2 : 1;
    }

    /** Stride of this cell's edges reading from the given input. */
    public int stride(int input) {
        return stride(reduction, input);
    }
}
