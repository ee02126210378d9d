package org.prdarts.train;

import org.junit.jupiter.api.Test;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.Genotypes;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Parameter and mult-add counts. The published networks' values were computed by this class and
 * pinned; they agree with the published sizes (docs/method.md section 10): DARTS_V2 on CIFAR-10 3.3 M
 * (DARTS' own count is 3,349,342), PR-DARTS 3.4 M, PR-DARTS on ImageNet 4.98 M and 543 M mult-adds.
 */
class NetworkSizeTest {

    @Test
    void tinyNetworkCountedByHand() {
        // one node per cell: normal = sep_conv_3x3 from input 1 + skip_connect from input 0;
        // reduce = dil_conv_3x3 from input 0 + max_pool_3x3 from input 1. C=2, L=1 (cell 0 reduces).
        Genotype g = GenotypeFormat.parse("Genotype(normal=[('sep_conv_3x3', 1), ('skip_connect', 0)],"
                + " normal_concat=[2], reduce=[('dil_conv_3x3', 0), ('max_pool_3x3', 1)], reduce_concat=[2])");
        NetworkConfig cfg = new NetworkConfig(g, 1, 4, 4, 3, 2, 1, true, false, 0);
        NetworkSize s = NetworkSize.of(cfg);
        // stem: conv 1->6 3x3 = 54, BN 12. Cell 0 (reduction, C=4): pre0 conv 6->4 = 24, BN 8;
        // pre1 conv 6->4 = 24, BN 8; dil_conv_3x3 stride 2: dw 9*4 = 36, pw 16, BN 8.
        // classifier 4*3 + 3 = 15.
        long params = 54 + 12 + 24 + 8 + 24 + 8 + 36 + 16 + 8 + 15;
        assertEquals(params, s.params());
        // mult-adds: stem 54*16; pre0, pre1 24*16 each at 4x4; dw 36*4, pw 16*4 at 2x2; linear 12
        long macs = 54 * 16 + 24 * 16 * 2 + 36 * 4 + 16 * 4 + 12;
        assertEquals(macs, s.multAdds());
        // auxiliary after cell 0 on 2x2: pool 2x2 -> 1x1, conv 4->128 = 512, BN 256, conv 1x1 128->768
        // = 98304, BN 1536, linear 768*3 + 3 = 2307
        assertEquals(512 + 256 + 98304 + 1536 + 2307, s.auxParams());
        assertEquals(512 + 98304 + 768 * 3, s.auxMultAdds());
    }

    @Test
    void publishedCifarNetworks() {
        NetworkSize v2 = cifar(Genotypes.DARTS_V2);
        assertEquals(3_349_342, v2.params());
        assertEquals(3.3e6, v2.params(), 0.05e6);
        NetworkSize pr = cifar(Genotypes.PRDARTS);
        assertEquals(3_444_814, pr.params());
        assertEquals(3.4e6, pr.params(), 0.05e6);
        assertEquals(529_769_088, pr.multAdds());
        assertEquals(3_169_414, cifar(Genotypes.DARTS_V1).params());
        // DARTS' AuxiliaryHeadCIFAR on an 8x8 map with 576 channels
        assertEquals(576 * 128 + 256 + 128 * 768 * 4 + 1536 + 7690, pr.auxParams());
    }

    @Test
    void publishedImagenetNetwork() {
        NetworkSize pr = NetworkSize.of(new NetworkConfig(Genotypes.PRDARTS, 3, 224, 224, 1000, 48, 14, true, true,
                0));
        assertEquals(4_981_312, pr.params());
        assertEquals(4.98e6, pr.params(), 0.005e6);
        assertEquals(543_374_400, pr.multAdds());
        assertEquals(543e6, pr.multAdds(), 1e6);
        NetworkSize v2 = NetworkSize.of(new NetworkConfig(Genotypes.DARTS_V2, 3, 224, 224, 1000, 48, 14, true, true,
                0));
        assertEquals(4.7e6, v2.params(), 0.05e6);
    }

    private static NetworkSize cifar(Genotype g) {
        return NetworkSize.of(new NetworkConfig(g, 3, 32, 32, 10, 36, 20, true, false, 0.2));
    }
}
