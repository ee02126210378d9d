#!/usr/bin/env python3
"""Self time per operator of an engine profile (a Chrome trace, as `prdarts bench --profile DIR`
writes): for each event, its duration minus that of the events nested in it on the same thread,
summed by operator name, largest first.

    tools/profile-summary.py TRACE.json [TOP]        (TOP: rows to print, default 30)
"""
import collections
import json
import sys


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: profile-summary.py TRACE.json [TOP]", file=sys.stderr)
        sys.exit(2)
    with open(sys.argv[1]) as f:
        data = json.load(f)
    top = int(sys.argv[2]) if len(sys.argv) == 3 else 30
    events = data["traceEvents"] if isinstance(data, dict) else data
    threads = collections.defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            threads[(e.get("pid"), e.get("tid"))].append(e)
    self_us, calls = collections.Counter(), collections.Counter()
    for evs in threads.values():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []
        own = {}
        for e in evs:
            while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
                stack.pop()
            own[id(e)] = e["dur"]
            if stack:
                own[id(stack[-1])] -= e["dur"]
            stack.append(e)
        for e in evs:
            self_us[e["name"]] += own[id(e)]
            calls[e["name"]] += 1
    total = sum(self_us.values())
    print(f"all operators: {total / 1000:.1f} ms self time")
    for name, us in self_us.most_common(top):
        print(f"{us / 1000:10.1f} ms {calls[name]:7d} calls {100 * us / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
