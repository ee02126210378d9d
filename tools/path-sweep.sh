#!/usr/bin/env bash
# The path term's weight at several seeds: one PR-DARTS search per (lambda_path, seed) at the quick
# preset's data and network (5,120 Fashion-MNIST images at 14x14, C=8, L=5) and a fixed number of
# epochs, so that every run takes the same steps whatever else shares the machine; then, per
# lambda_path, label-shuffled null searches at NULL_SEEDS. Each finished run appends its final-epoch
# figures (gradient shares, parametric depth, skips, margins, decided nodes) to the record file with
# tools/search-rows.py. Resumable: a finished run (genotype.json written) is skipped, an interrupted
# one continues from its checkpoint; run it again with the same settings to go on.
#
#   tools/path-sweep.sh [OUT_DIR]   (default: runs/path-sweep)
#
# Settings (environment): LAMBDAS (default "0.005 0.05 0.1 0.2 0.5"), SEEDS ("1 2 3"), NULL_SEEDS
# ("1"; empty for none), EPOCHS (14, of which WARMUP 3 weight-only: about what the quick preset's
# 8 minutes hold at one thread), THREADS (1), RECORD (docs/data/path-sweep.csv; empty records
# nothing), PRDARTS (the launcher, default ./prdarts).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/runs/path-sweep}"
lambdas="${LAMBDAS-0.005 0.05 0.1 0.2 0.5}"
seeds="${SEEDS-1 2 3}"
null_seeds="${NULL_SEEDS-1}"
epochs="${EPOCHS:-14}"
warmup="${WARMUP:-3}"
threads="${THREADS:-1}"
record="${RECORD-$root/docs/data/path-sweep.csv}"
prdarts="${PRDARTS:-$root/prdarts}"
mkdir -p "$out"

run() { # NAME SEED EXTRA...
  local name="$1" seed="$2" dir="$out/$1"
  shift 2
  if [ -f "$dir/genotype.json" ]; then
    echo "$name: finished before"
    return
  fi
  local start=(--out "$dir")
  [ -f "$dir/checkpoint.ckpt" ] && start=(--resume "$dir")
  echo "$name: $(date -u +%H:%M:%S) start"
  "$prdarts" search "${start[@]}" --threads "$threads" --seed "$seed" --epochs "$epochs" \
    --warmup-epochs "$warmup" "$@" > "$out/$name.log" 2>&1
  echo "$name: $(date -u +%H:%M:%S) done"
  if [ -n "$record" ]; then
    python3 "$root/tools/search-rows.py" "$record" "$dir"
  fi
}

for seed in $seeds; do
  for lam in $lambdas; do
    run "real-$lam-seed$seed" "$seed" --lambda-path "$lam"
  done
done
for seed in $null_seeds; do
  for lam in $lambdas; do
    run "null-$lam-seed$seed" "$seed" --lambda-path "$lam" --shuffle-labels
  done
done
