#!/usr/bin/env bash
# Measures the peak resident memory of short searches and trainings against the estimate printed
# before each run (both read from the run's memory.json), one run at a time, and prints one line a
# run: configuration, estimate, peak and their difference. To calibrate the activation factors of
# MemoryEstimate and TrainingMemory, divide (peak - runtime - parameters - optimizer) by the
# activation part of memory.json over the factor in force. Runs take about a minute each on 2 cores.
# Each run also appends two CSV rows (estimateMiB, peakResidentMiB) to the record file, in the
# columns of `prdarts bench --record`: commit,date,machine,command,config,method,metric,value.
#
#   tools/memory-calibration.sh [OUT_DIR [OPTION...]]   (default: runs/memory-calibration)
#
# OPTIONs are added to every run, e.g. --threads 1. RECORD=FILE appends the rows to FILE instead
# of docs/data/memory-calibration.csv; RECORD= (empty) records nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/runs/memory-calibration}"
extra=("${@:2}")
mkdir -p "$out"
record="${RECORD-$root/docs/data/memory-calibration.csv}"
commit="$(git -C "$root" rev-parse --verify -q HEAD 2>/dev/null || echo unknown)"
if [ "$commit" != unknown ] && ! git -C "$root" diff --quiet HEAD -- 2>/dev/null; then commit="$commit-dirty"; fi
cpu="$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null | head -1)"
machine="${cpu:-$(uname -m)}, $(nproc) cores"

report() {
  python3 - "$1" "$2" "$3" "$record" "$commit" "$machine" <<'EOF'
import csv, datetime, json, os, sys
label, path, command, record, commit, machine = sys.argv[1:7]
m = json.load(open(path))
e, peak = m["estimate"], m["peakResidentBytes"]
mib = lambda b: b / 1048576
print(f"{label:48s} estimate {mib(e['total']):7.0f} MiB  peak {mib(peak):7.0f} MiB  "
      f"({100 * (e['total'] - peak) / peak:+5.1f} %)")
if record:
    os.makedirs(os.path.dirname(os.path.abspath(record)), exist_ok=True)
    new = not os.path.exists(record) or os.path.getsize(record) == 0
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    kind, method = label.split("-")[:2]
    with open(record, "a", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if new:
            w.writerow(["commit", "date", "machine", "command", "config", "method", "metric", "value"])
        for metric, value in (("estimateMiB", mib(e["total"])), ("peakResidentMiB", mib(peak))):
            w.writerow([commit, date, machine, command, label, kind if kind == "train" else method,
                        metric, round(value, 3)])
EOF
}

run() {
  local label="$1"; shift
  local dir="$out/$label"
  rm -rf "$dir"
  "$root/prdarts" "$@" "${extra[@]}" --out "$dir" >"$dir.log" 2>&1 || { cat "$dir.log" >&2; exit 1; }
  report "$label" "$dir/memory.json" "prdarts $* ${extra[*]}"
}

run train-c4-b96 train --genotype PRDARTS --subset 4800 --epochs 1 --channels 4 --batch-size 96
run train-c12-l3-b64 train --genotype DARTS_V2 --subset 3200 --epochs 1 --channels 12 --layers 3 --batch-size 64
run train-c8-b32 train --genotype PRDARTS --subset 3200 --epochs 1 --batch-size 32
run search-prdarts-c4-b64 search --method prdarts --subset 2560 --epochs 2 --channels 4 --batch-size 64
run search-prdarts-c12-b32 search --method prdarts --subset 1280 --epochs 2 --channels 12 --layers 3 --batch-size 32
run search-darts-c4-b32 search --method darts --subset 1280 --epochs 2 --channels 4 --batch-size 32
