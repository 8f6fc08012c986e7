#!/usr/bin/env bash
# BrainScaleS-2 emulation experiments, chip-in-the-loop:
#   1. W (weights only) vs WA (weights + axonal delays): SEEDS seeds each, median test accuracy on the chip;
#   2. the same network trained on the ideal software model, then evaluated on the emulated chip;
#   3. a sweep of the fixed-pattern threshold spread threshold_fp_std (SEEDS seeds per value).
# Usage: scripts/bss2-experiments.sh [OUT_DIR]
#   EPOCHS=300 SEEDS=5 THREADS=2 by default (SWEEP_EPOCHS / SWEEP_SEEDS for the sweep, default the same) (the full version: ~3 min per 300-epoch run on one core);
#   quick check: EPOCHS=20 SEEDS=2 scripts/bss2-experiments.sh runs/bss2-short
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/bss2}
epochs=${EPOCHS:-300}; seeds=${SEEDS:-5}; threads=${THREADS:-2}
sweep=${SWEEP:-0,0.04,0.08,0.16,0.32}
sweep_epochs=${SWEEP_EPOCHS:-$epochs}; sweep_seeds=${SWEEP_SEEDS:-$seeds}
mkdir -p "$out"
dotnet build DelGrad.Cli -c Release -v q -nologo >/dev/null
delgrad() { dotnet DelGrad.Cli/bin/Release/net10.0/delgrad.dll "$@"; }
for c in yinyang-bss2-w yinyang-bss2-wa yinyang-bss2-w-software; do
  # One folder of runs <config>-seed<S>: finished seeds are kept, an interrupted one resumes.
  delgrad train "$c" --seeds "0-$((seeds - 1))" --epochs "$epochs" --threads "$threads" --out "$out" > "$out/$c.log" 2>&1 || { echo "$c failed"; tail -3 "$out/$c.log"; }
done
[ -f "$out/sweep/sweep.csv" ] || delgrad sweep yinyang-bss2-w yinyang-bss2-wa --set "threshold_fp_std=$sweep" --epochs "$sweep_epochs" --seeds "$sweep_seeds" --threads "$threads" --out "$out/sweep" > "$out/sweep.log"

runs() { for s in $(seq 0 $((seeds - 1))); do echo "$out/$1-seed$s"; done; }
# 1. chip-in-the-loop W and WA (test accuracy on the chip, the same parameters in software, chip s/epoch),
#    and the software-trained W;
# shellcheck disable=SC2046
delgrad report $(runs yinyang-bss2-w) $(runs yinyang-bss2-wa) $(runs yinyang-bss2-w-software)
echo
# 2. the software-trained W run on the emulated chip (one line per run, then the medians);
# shellcheck disable=SC2046
delgrad eval-chip $(runs yinyang-bss2-w-software) --threads "$threads" > "$out/eval-chip.txt"
tail -1 "$out/eval-chip.txt"
echo
# 3. the threshold sweep's table (medians per value and config); redraws the same plot.
delgrad plot-sweep "$out/sweep/sweep.csv" --out "$out/sweep/sweep.png" | tail -n +2
