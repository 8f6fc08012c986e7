#!/usr/bin/env bash
# The whole `delgrad train` epoch loop of H30-WS next to the kernels' own time and (when it is at hand) the
# reference PyTorch code, in one sitting on one machine:
#   kernel floor   BenchmarkDotNet EpochLoop.KernelOnlyOneCore / THREADS: the epoch's 5000 training samples
#                  (forward + backward) and 1000 validation samples (forward) on the bare generated kernel
#   both cores     (THREADS 2) EpochLoop.KernelOnlyTwoCores: the same samples, half on each core, one kernel per core:
#                  what the kernels reach on this machine's two virtual CPUs, which need not be twice one
#   trainer epoch  BenchmarkDotNet EpochLoop.TrainerEpochTwoThreads (THREADS 2) or TrainerEpochOneThread (THREADS 1):
#                  Trainer.Epoch in memory (batches, threads, Adam, bumps, validation)
#   delgrad train  the whole loop of the command (also the checkpoint, the metrics row, the log line):
#                  (wall time of a run of EPOCHS epochs - wall time of a run of SHORT epochs) / (EPOCHS - SHORT),
#                  so start-up, test evaluation and plots cancel; the median of REPEAT such pairs
#   reference      the same difference for the reference's `experiment.py train` on its yin_yang_H30_WS.yaml
#                  (from the durations it prints), REF_SHORT and REF_EPOCHS epochs
# Usage: scripts/measure-epoch-loop.sh [EPOCHS] [THREADS]       (default 100 epochs, 2 threads)
#   REFERENCE_SRC=DIR  the reference's src/ folder (github.com/JulianGoeltz/fastAndDeep, with its yin_yang_data_set
#                      submodule initialised); without it the reference column is skipped
#   REFERENCE_PYTHON   a python3 with torch, numpy, numba, scipy, torchvision, matplotlib, yaml (default /usr/bin/python3;
#                      on Debian 12: apt-get install python3-torch python3-numba python3-scipy python3-torchvision python3-matplotlib)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-100}; threads=${2:-2}; short=${SHORT:-10}; repeat=${REPEAT:-3}
ref_short=${REF_SHORT:-2}; ref_epochs=${REF_EPOCHS:-6}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
echo "machine: $cpu, $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet build DelGrad.Cli -c Release -v q -nologo >/dev/null
delgrad="dotnet DelGrad.Cli/bin/Release/net10.0/delgrad.dll"

# BenchmarkDotNet's Mean of one EpochLoop method, in ms (from its markdown table: "| KernelOnlyOneCore | 9.512 ms | ...").
# In process: on a busy machine, building BenchmarkDotNet's separate boilerplate project can exceed its 2-minute timeout.
(cd bench/DelGrad.Benchmarks && dotnet run -c Release -v q -- --filter '*EpochLoop*' --job short --inProcess --artifacts "$out/bdn" >"$out/bdn.log" 2>&1) \
  || { echo "BenchmarkDotNet failed:"; tail -20 "$out/bdn.log"; exit 1; }
bdn_ms() {
  awk -F'|' -v m="$1" '{ name = $2; gsub(/ /, "", name) } name == m { v = $3; gsub(/,/, "", v); split(v, p, " ");
    f = p[2] == "s" ? 1000 : p[2] == "ms" ? 1 : p[2] == "us" || p[2] == "μs" ? 0.001 : 0.000001; printf "%.3f", p[1] * f }' \
    "$out"/bdn/results/*EpochLoop-report-github.md
}
kernel_one=$(bdn_ms KernelOnlyOneCore)
kernel_two=$(bdn_ms KernelOnlyTwoCores)
trainer=$(bdn_ms "$([ "$threads" = 1 ] && echo TrainerEpochOneThread || echo TrainerEpochTwoThreads)")
floor=$(awk -v k="$kernel_one" -v t="$threads" 'BEGIN { printf "%.3f", k / t }')
# On two threads, also the kernels as they really run on both cores (two virtual CPUs may share a physical core).
floor_two=$([ "$threads" = 1 ] && echo "$floor" || echo "$kernel_two")

# Seconds of wall time of one command.
wall() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f", e - s }'; }

loops=()
for r in $(seq 1 "$repeat"); do
  a=$(wall $delgrad train yinyang-h30-ws --epochs "$short" --threads "$threads" --out "$out/short$r")
  b=$(wall $delgrad train yinyang-h30-ws --epochs "$epochs" --threads "$threads" --out "$out/long$r")
  loops+=("$(awk -v a="$a" -v b="$b" -v n=$((epochs - short)) 'BEGIN { printf "%.3f", (b - a) * 1000 / n }')")
done
loop=$(printf '%s\n' "${loops[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
in_epoch=$($delgrad report "$out/long1" | awk -F'|' '/yinyang-h30-ws/ { for (i = 1; i <= NF; i++) if ($i ~ /^ *0\.[0-9]+ *$/) last = $i } END { gsub(/ /, "", last); print last * 1000 }')

reference="not run (set REFERENCE_SRC)"
ratio_ref=""
if [[ -n "${REFERENCE_SRC:-}" ]]; then
  py=${REFERENCE_PYTHON:-/usr/bin/python3}
  ref_cfg="$REFERENCE_SRC/../experiment_configs/yin_yang_H30_WS.yaml"
  ref_seconds() {
    sed "s/^\(  *epoch_number:\).*/\1 $1/" "$ref_cfg" >"$out/ref$1.yaml"
    (cd "$REFERENCE_SRC" && "$py" experiment.py train "$out/ref$1.yaml" "$out/ref$1" >"$out/ref$1.log" 2>&1) \
      || { echo "reference failed ($1 epochs):" >&2; tail -5 "$out/ref$1.log" >&2; return 1; }
    sed -n 's/^Training .* epochs -> duration: \([0-9.]*\) seconds/\1/p' "$out/ref$1.log"
  }
  if ra=$(ref_seconds "$ref_short") && rb=$(ref_seconds "$ref_epochs"); then
    reference=$(awk -v a="$ra" -v b="$rb" -v n=$((ref_epochs - ref_short)) 'BEGIN { printf "%.1f", (b - a) * 1000 / n }')
    ratio_ref=$(awk -v r="$reference" -v l="$loop" 'BEGIN { printf "%.0fx", r / l }')
    reference="$reference ms  ($ref_short vs $ref_epochs epochs, torch $(cd "$REFERENCE_SRC" && "$py" -c 'import torch; print(torch.__version__, "threads", torch.get_num_threads())'))"
  fi
fi

echo "H30-WS, $threads threads; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kernel floor (BenchmarkDotNet KernelOnlyOneCore $kernel_one ms / $threads)   $floor ms/epoch"
if [ "$threads" != 1 ]; then
  echo "kernels on both cores (BenchmarkDotNet KernelOnlyTwoCores)         $floor_two ms/epoch"
fi
ratios() { awk -v a="$1" -v f="$floor" -v g="$floor_two" -v t="$threads" 'BEGIN { if (t == 1) printf "%.2fx the floor", a / f; else printf "%.2fx the floor, %.2fx the kernels on both cores", a / f, a / g }'; }
echo "Trainer.Epoch in memory (BenchmarkDotNet, $([ "$threads" = 1 ] && echo "1 thread " || echo "2 threads"))              $trainer ms/epoch  ($(ratios "$trainer"))"
echo "delgrad train, whole loop ($short vs $epochs epochs, median of $repeat: ${loops[*]})   $loop ms/epoch  ($(ratios "$loop"))"
echo "  of which in the epoch (run's own median s/epoch, metrics.csv)       $in_epoch ms/epoch"
echo "reference experiment.py train, whole loop                          $reference${ratio_ref:+  (delgrad $ratio_ref faster)}"
