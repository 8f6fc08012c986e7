#!/usr/bin/env bash
# Trains every reference config for 5 seeds x 300 epochs and prints the accuracy/speed table.
# Usage: [SEEDS="0 1 2 3 4"] [KERNEL=compiled|runtime] scripts/reproduce-accuracy.sh [OUT_DIR] [CONFIG...]
# (all 6 configs x 5 seeds: about 3 min on 2 cores with the compiled kernels)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/accuracy}; shift || true
configs=${*:-"yinyang-h30-ws yinyang-h30-wa yinyang-h30-w yinyang-h30-wd yinyang-h5-ws yinyang-fastanddeep"}
seeds=${SEEDS:-"0 1 2 3 4"}
kernel=${KERNEL:-compiled}
mkdir -p "$out"
dotnet build DelGrad.Cli -c Release -v q -nologo >/dev/null
for c in $configs; do
  for s in $seeds; do
    d="$out/$c-seed$s"
    [ -f "$d/summary.json" ] && continue
    rm -rf "$d"
    dotnet DelGrad.Cli/bin/Release/net10.0/delgrad.dll train "$c" --seed "$s" --kernel "$kernel" --out "$d" > "$d.log" 2>&1 || { echo "$c seed $s failed"; tail -3 "$d.log"; }
  done
done
python3 - "$out" "$seeds" $configs <<'PY'
import json, sys, statistics, os
out, seeds, configs = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
print("| config | median test acc | min | max | parameters | s/epoch (2 cores) |")
print("|---|---|---|---|---|---|")
for c in configs:
    runs = [json.load(open(f"{out}/{c}-seed{s}/summary.json")) for s in seeds if os.path.exists(f"{out}/{c}-seed{s}/summary.json")]
    if not runs: continue
    acc = [r["test_accuracy"] * 100 for r in runs]
    print(f"| {c} | {statistics.median(acc):.1f} % | {min(acc):.1f} % | {max(acc):.1f} % | {runs[0]['parameter_count']} | {statistics.median(r['seconds_per_epoch'] for r in runs):.3f} |")
PY
