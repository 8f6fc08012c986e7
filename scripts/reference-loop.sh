#!/usr/bin/env bash
# Whole runs of the reference's training loop as the test suite re-implements it (ReferenceTrainingMirror: scalar,
# independent of the kernels, with the reference's eps = 1e-6 in its sums), next to the trainer's runs of the same
# seeds: does the reference's own algorithm reach the reference's accuracy on this data?
# Usage: scripts/reference-loop.sh [CONFIG] [SEED...]   (default yinyang-h30-ws, seeds 0-19; about 100 s per
# 300-epoch H30-WS run on one core, all cores used; EPS=0 for the exact sums)
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-yinyang-h30-ws}; shift || true
seeds=${*:-$(seq -s ' ' 0 19)}
dotnet build bench/DelGrad.ReferenceLoop -c Release -v q -nologo >/dev/null
# shellcheck disable=SC2086
dotnet bench/DelGrad.ReferenceLoop/bin/Release/net10.0/DelGrad.ReferenceLoop.dll "configs/$config.json" --eps "${EPS:-1e-6}" $seeds
