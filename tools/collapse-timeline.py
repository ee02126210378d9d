#!/usr/bin/env python3
"""When does the collapse begin, and does the Hessian indicator see it first? For every search of a
`prdarts study collapse` directory (run with --hessian-every), from its metrics.jsonl and the
study's study.json: epochs run, the skip count of the derived normal cell at the first, a middle
and the last epoch, its largest count and the first epoch it reached 2 and 3 skips, the largest
Hessian eigenvalue of the validation loss in the architecture at the first and last measurement,
where the DARTS-ES rule (Zela et al.) fired and the skips and parametric depth of the cell it keeps.
Prints a Markdown table; with --csv appends the same figures as rows in the columns of
`prdarts bench --record` (commit,date,machine,command,config,method,metric,value).

    tools/collapse-timeline.py STUDY_DIR [--csv RECORD.csv]
"""
import importlib.util
import json
import os
import sys

_spec = importlib.util.spec_from_file_location("search_rows", os.path.join(os.path.dirname(__file__),
                                                                           "search-rows.py"))
search_rows = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(search_rows)


def first_epoch(epochs, skips, at_least):
    return next((e for e, s in zip(epochs, skips) if s >= at_least), None)


def figures(study, name):
    run = os.path.join(study, name)
    with open(os.path.join(run, "metrics.jsonl")) as f:
        rows = [json.loads(l) for l in f if l.strip()]
    epochs = [r["epoch"] for r in rows]
    skips = [r["skipNormal"] for r in rows]
    eig = [r["archHessianEigenvalue"] for r in rows if r.get("archHessianEigenvalue") is not None]
    result = os.path.join(study, "study.json")
    # a search still running has no record yet: its early-stop figures stay empty
    record = json.load(open(result))["subRuns"].get(name, {}) if os.path.exists(result) else {}
    fig = {
        "epochs": len(rows),
        "seconds": sum(r["seconds"] for r in rows),
        "skipFirst": skips[0],
        "skipMiddle": skips[len(skips) // 2],
        "skipLast": skips[-1],
        "skipMax": max(skips),
        "firstEpochSkips2": first_epoch(epochs, skips, 2),
        "firstEpochSkips3": first_epoch(epochs, skips, 3),
        "parametricDepthLast": rows[-1]["parametricDepthNormal"],
        "hessianFirst": eig[0] if eig else None,
        "hessianLast": eig[-1] if eig else None,
        "earlyStopFiredEpoch": record.get("earlyStopEpoch") if record.get("earlyStopFired") else None,
        "earlyStopKeptEpoch": record.get("earlyStopKeptEpoch") if record.get("earlyStopFired") else None,
        "skipEarlyStopCell": record.get("skipEarlyStopCell"),
        "parametricDepthEarlyStopCell": record.get("parametricDepthEarlyStopCell"),
        "trainAcc": rows[-1]["trainAcc"],
        "validAcc": rows[-1]["validAcc"],
        "derivedHeldOutAcc": rows[-1].get("derivedHeldOutAcc"),
    }
    return run, rows[0]["method"], fig


def show(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return "%.3g" % v
    return str(v)


def main():
    args = sys.argv[1:]
    record = None
    if "--csv" in args:
        i = args.index("--csv")
        record = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit("usage: tools/collapse-timeline.py STUDY_DIR [--csv RECORD.csv]")
    study = args[0]
    names = sorted(n for n in os.listdir(study) if os.path.isfile(os.path.join(study, n, "metrics.jsonl")))
    cols = ["epochs", "seconds", "skipFirst", "skipMiddle", "skipLast", "skipMax", "firstEpochSkips2",
            "firstEpochSkips3", "parametricDepthLast", "hessianFirst", "hessianLast", "earlyStopFiredEpoch",
            "earlyStopKeptEpoch", "skipEarlyStopCell", "parametricDepthEarlyStopCell", "trainAcc", "validAcc",
            "derivedHeldOutAcc"]
    print("| run | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    out = []
    for name in names:
        run, method, fig = figures(study, name)
        print("| %s | %s |" % (name, " | ".join(show(fig[c]) for c in cols)))
        commit, started, command = search_rows.provenance(json.load(open(os.path.join(run, "manifest.json"))))
        seed = json.load(open(os.path.join(run, "config.json")))["search"]["seed"]
        out += [(commit, started, command, "%s, seed %s" % (name, seed), method, c, fig[c])
                for c in cols if fig[c] is not None]
    if record:
        search_rows.append(record, out)

if __name__ == "__main__":
    main()
