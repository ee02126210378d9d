#!/usr/bin/env python3
"""The calibrated "decided" from search run directories: the final node margins of null searches
(--shuffle-labels) pooled over runs and both cells, in units of each run's analytic noise scale
(archNoise), their 95th percentile (nearest rank, as NullCalibration.quantile), and per real run
its nodes above that threshold, its spread against the nulls', and cross-seed agreement of the
real runs' normal cells (shared (node, input, op) pairs, averaged over pairs of runs; chance for
4 nodes and the 8 DARTS ops: 0.092).

    tools/null-calibration.py --real RUN... --null RUN...
"""
import argparse
import itertools
import json
import math
import os
import re


def last(run):
    with open(os.path.join(run, "metrics.jsonl")) as f:
        lines = [l for l in f if l.strip()]
    return json.loads(lines[-1]), len(lines)


def pairs(run):
    text = open(os.path.join(run, "genotype.txt")).read()
    normal = re.search(r"normal=\[(.*?)\]", text).group(1)
    ops = re.findall(r"\('([a-z0-9_]+)', (\d+)\)", normal)
    return {(i // 2, int(inp), op) for i, (op, inp) in enumerate(ops)}


def inputs_from_first(run):
    text = open(os.path.join(run, "genotype.txt")).read()
    normal = re.search(r"normal=\[(.*?)\]", text).group(1)
    return sum(1 for _, inp in re.findall(r"\('([a-z0-9_]+)', (\d+)\)", normal) if inp == "0")


def quantile(values, q):
    s = sorted(values)
    return s[math.ceil(q * len(s)) - 1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--real", nargs="+", required=True)
    p.add_argument("--null", nargs="+", required=True)
    a = p.parse_args()
    units = []
    for run in a.null:
        m, epochs = last(run)
        units += [x / m["archNoise"] for x in m["marginsNormal"] + m["marginsReduce"]]
        print("null %s: %d epochs, noise %.3f, spread normal %.2f, margins normal %s reduce %s" % (
            run, epochs, m["archNoise"], m["archSpreadNormal"],
            " ".join("%.3f" % x for x in m["marginsNormal"]), " ".join("%.3f" % x for x in m["marginsReduce"])))
    q95 = quantile(units, 0.95)
    print("null margins pooled: %d values; 95th percentile %.3f noise units (largest %.3f)" % (
        len(units), q95, max(units)))
    for run in a.real:
        m, epochs = last(run)
        t = q95 * m["archNoise"]
        decided = sum(1 for x in m["marginsNormal"] if x > t)
        decided_r = sum(1 for x in m["marginsReduce"] if x > t)
        second = sorted(m["marginsNormal"])[-2]
        factor = (t / second) ** 2 if second > 0 else float("inf")
        print("real %s: %d epochs, threshold %.3f, margins normal %s -> %d of 4 decided (reduce %d of 4); "
              "spread normal %.2f; train acc %.3f; parametric depth %s; inputs from c_{k-2} %d of 8; 2 nodes after ~%.1fx the steps" % (
                  run, epochs, t, " ".join("%.3f" % x for x in m["marginsNormal"]), decided, decided_r,
                  m["archSpreadNormal"], m["trainAcc"], m.get("parametricDepthNormal"), inputs_from_first(run),
                  factor))
    for arm, runs in (("real", a.real), ("null", a.null)):
        cells = [pairs(r) for r in runs]
        if len(cells) > 1:
            shares = [len(x & y) / 8 for x, y in itertools.combinations(cells, 2)]
            print("cross-seed agreement of the %s normal cells: %.3f (pairs %s; chance 0.092)" % (
                arm, sum(shares) / len(shares), " ".join("%.3f" % s for s in shares)))


if __name__ == "__main__":
    main()
