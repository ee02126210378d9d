package org.prdarts.search;
import org.prdarts.space.Primitives;
import org.prdarts.supernet.SupernetConfig;
public class BenchProbe {
  public static void main(String[] a) {
    int c=Integer.parseInt(a[0]), l=Integer.parseInt(a[1]), hw=Integer.parseInt(a[2]), ch=Integer.parseInt(a[3]), b=Integer.parseInt(a[4]);
    SupernetConfig net = new SupernetConfig(ch, 10, c, l, 4, Primitives.DARTS);
    String meth = a[6]; SearchConfig cfg = SearchConfig.defaults(meth, 10, b, 1);
    long t=System.nanoTime();
    var r = SupernetBenchmark.run(meth, m -> Search.create(cfg, net, m, hw, hw), net, b, hw, hw, 2, Integer.parseInt(a[5]), 1);
    System.out.println(r + " total s=" + (System.nanoTime()-t)/1e9);
  }
}
