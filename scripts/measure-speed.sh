#!/usr/bin/env bash
# Seconds per epoch (training + validation) of every reference config, from the runs' own timings:
# the median over the epochs after 5 warm-up epochs (delgrad report's s/epoch column).
# Usage: scripts/measure-speed.sh [EPOCHS] [THREADS]   (run on a quiet machine; default 30 epochs, 2 threads)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-30}; threads=${2:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build DelGrad.Cli -c Release -v q -nologo >/dev/null
for c in yinyang-h30-ws yinyang-h30-wa yinyang-h30-w yinyang-h30-wd yinyang-h5-ws yinyang-fastanddeep yinyang-bss2-w yinyang-bss2-wa; do
  dotnet DelGrad.Cli/bin/Release/net10.0/delgrad.dll train "$c" --epochs "$epochs" --threads "$threads" --out "$out/$c" >/dev/null
done
echo "($threads threads, $epochs epochs; 1 s/epoch is the reference PyTorch code's H30-WS speed)"
dotnet DelGrad.Cli/bin/Release/net10.0/delgrad.dll report "$out"
