#!/usr/bin/env bash
# Trains every reference config for 5 seeds x 300 epochs and prints the accuracy/speed table (delgrad report).
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
list=$(echo $seeds | tr ' ' ',')
for c in $configs; do
  # One folder of runs <config>-seed<S>: finished seeds are kept, an interrupted one resumes.
  dotnet DelGrad.Cli/bin/Release/net10.0/delgrad.dll train "$c" --seeds "$list" --kernel "$kernel" --out "$out" > "$out/$c.log" 2>&1 || { echo "$c failed"; tail -3 "$out/$c.log"; }
done
# The table (median, mean +- sd, min, max over the seeds; best-validation and train accuracy; parameters;
# s/epoch after warm-up) and one CSV row per run, from the runs' own summary.json and metrics.csv.
dirs=()
for c in $configs; do for s in $seeds; do [ -f "$out/$c-seed$s/summary.json" ] && dirs+=("$out/$c-seed$s"); done; done
dotnet DelGrad.Cli/bin/Release/net10.0/delgrad.dll report "${dirs[@]}" --csv "$out/runs.csv"
