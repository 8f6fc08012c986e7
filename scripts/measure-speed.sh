#!/usr/bin/env bash
# Seconds per epoch (training + validation) of every reference config, from the runs' own timings.
# Usage: scripts/measure-speed.sh [EPOCHS] [THREADS]   (run on a quiet machine; default 30 epochs, 2 threads)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-30}; threads=${2:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build DelGrad.Cli -c Release -v q -nologo >/dev/null
echo "| config | parameters | s/epoch, median after 5 warm-up epochs ($threads threads) | x faster than 1 s/epoch |"
echo "|---|---|---|---|"
for c in yinyang-h30-ws yinyang-h30-wa yinyang-h30-w yinyang-h30-wd yinyang-h5-ws yinyang-fastanddeep yinyang-bss2-w yinyang-bss2-wa; do
  dotnet DelGrad.Cli/bin/Release/net10.0/delgrad.dll train "$c" --epochs "$epochs" --threads "$threads" --out "$out/$c" >/dev/null
  python3 - "$out/$c" "$c" <<'PY'
import csv, json, sys, statistics
d, c = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(f"{d}/metrics.csv")))
w = statistics.median(float(r["wall_seconds"]) for r in rows[5:])
p = json.load(open(f"{d}/summary.json"))["parameter_count"]
print(f"| {c} | {p} | {w:.4f} | {1 / w:.0f}x |")
PY
done
