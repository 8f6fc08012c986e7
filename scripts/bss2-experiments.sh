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
  for s in $(seq 0 $((seeds - 1))); do
    d="$out/$c-seed$s"
    [ -f "$d/summary.json" ] && continue
    rm -rf "$d"
    delgrad train "$c" --seed "$s" --epochs "$epochs" --threads "$threads" --out "$d" > "$d.log" 2>&1 || { echo "$c seed $s failed"; tail -3 "$d.log"; }
  done
done
for s in $(seq 0 $((seeds - 1))); do
  delgrad eval-chip "$out/yinyang-bss2-w-software-seed$s" --threads "$threads" > "$out/yinyang-bss2-w-software-seed$s/eval-chip.txt"
done
[ -f "$out/sweep/sweep.csv" ] || delgrad sweep yinyang-bss2-w yinyang-bss2-wa --set "threshold_fp_std=$sweep" --epochs "$sweep_epochs" --seeds "$sweep_seeds" --threads "$threads" --out "$out/sweep" > "$out/sweep.log"
python3 - "$out" "$seeds" <<'PY'
import json, sys, statistics, re, csv
out, seeds = sys.argv[1], int(sys.argv[2])
def med(xs): return statistics.median(xs) if xs else float("nan")
print("| run | median test acc (chip) | min | max | same parameters in software | host s/epoch | chip s/epoch |")
print("|---|---|---|---|---|---|---|")
for c in ["yinyang-bss2-w", "yinyang-bss2-wa"]:
    runs = [json.load(open(f"{out}/{c}-seed{s}/summary.json")) for s in range(seeds)]
    acc = [r["test_accuracy"] * 100 for r in runs]
    print(f"| {c} chip-in-the-loop | {med(acc):.1f} % | {min(acc):.1f} % | {max(acc):.1f} % | {med([r['test_accuracy_software'] * 100 for r in runs]):.1f} % | {med([r['seconds_per_epoch'] for r in runs]):.2f} | {med([r['chip_seconds'] / max(1, r['epochs']) for r in runs]):.2f} |")
chip, soft = [], []
for s in range(seeds):
    m = re.search(r"accuracy ([0-9.]+)% .*software ([0-9.]+)%", open(f"{out}/yinyang-bss2-w-software-seed{s}/eval-chip.txt").read())
    chip.append(float(m.group(1))); soft.append(float(m.group(2)))
print(f"| yinyang-bss2-w trained in software, run on chip | {med(chip):.1f} % | {min(chip):.1f} % | {max(chip):.1f} % | {med(soft):.1f} % | | |")
print()
rows = list(csv.DictReader(open(f"{out}/sweep/sweep.csv")))
configs = list(dict.fromkeys(r["config"] for r in rows))
print("| threshold_fp_std | " + " | ".join(f"{c} median test acc (chip)" for c in configs) + " |")
print("|---" * (len(configs) + 1) + "|")
for v in dict.fromkeys(r["value"] for r in rows):
    print(f"| {v} | " + " | ".join(f"{med([float(r['test_accuracy']) * 100 for r in rows if r['value'] == v and r['config'] == c]):.1f} %" for c in configs) + " |")
PY
