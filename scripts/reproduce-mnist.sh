#!/usr/bin/env bash
# MNIST experiments: fetches and verifies MNIST once (scripts/fetch-mnist.sh does the same with checksums), then trains
# each config for the given seeds and prints `delgrad report`'s table.
# Usage: [SEEDS="0 1 2"] [EPOCHS=N] [THREADS=T] scripts/reproduce-mnist.sh [OUT_DIR] [CONFIG...]
#   default configs: mnist16-fastanddeep (200 epochs), mnist-fastanddeep (150), mnist16-h128-ws (200) and its delay-free
#   twin with the same parameter budget mnist16-h256-w (200); EPOCHS overrides
#   the configs' epochs (the learning-rate schedule is per epoch, so a shorter run is a prefix of the full one).
# The data folder is $DELGRAD_DATA (default ~/.local/share/delgrad/data).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/mnist}; shift || true
configs=${*:-"mnist16-fastanddeep mnist-fastanddeep mnist16-h128-ws mnist16-h256-w"}
seeds=${SEEDS:-"0 1 2"}
mkdir -p "$out"
dotnet build DelGrad.Cli -c Release -v q -nologo >/dev/null
delgrad() { dotnet DelGrad.Cli/bin/Release/net10.0/delgrad.dll "$@"; }
delgrad dataset mnist --fetch > "$out/fetch.log"
list=$(echo $seeds | tr ' ' ',')
extra=()
[ -n "${EPOCHS:-}" ] && extra+=(--epochs "$EPOCHS")
[ -n "${THREADS:-}" ] && extra+=(--threads "$THREADS")
for c in $configs; do
  # One folder of runs <config>-seed<S>: finished seeds are kept, an interrupted one resumes.
  delgrad train "$c" --seeds "$list" --out "$out" "${extra[@]}" > "$out/$c.log" 2>&1 || { echo "$c failed"; tail -3 "$out/$c.log"; }
done
dirs=()
for c in $configs; do for s in $seeds; do [ -f "$out/$c-seed$s/summary.json" ] && dirs+=("$out/$c-seed$s"); done; done
delgrad report "${dirs[@]}" --csv "$out/runs.csv"
