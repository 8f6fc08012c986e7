#!/usr/bin/env bash
# Integration test of `delgrad train --seeds --slurm` against a REAL Slurm (issue 16): starts the one-node cluster
# of scripts/slurm-cluster.sh (installing Debian's packages when missing; root), submits a grid of 2 configs x 2
# seeds, waits for its report job, and checks that `delgrad report` gives the local run's table and runs.csv and
# the same model bits (timing columns aside); then interrupts one run and loses another, and checks that `status`
# names them and that submitting again resubmits only those two and ends bit-identical again. A small
# `sweep --slurm` grid gives the local sweep's sweep.csv and sweep.png bit for bit. Also the bad inputs:
# sbatch refusing the job, no sbatch on PATH, a folder holding another grid. Stops the daemons at the end.
# Prints one PASS/FAIL line per check and "slurm-integration: N passed, N failed"; exits non-zero on any failure.
# Uses the Release build of DelGrad.Cli (builds it when missing).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d /tmp/delgrad-slurm-XXXXXX)
started_cluster=0
cleanup() {
  # Jobs of this test only, by the ids it recorded; then the daemons it started.
  for jobs in "$work"/*/slurm/jobs.csv; do
    [ -f "$jobs" ] || continue
    tail -n +2 "$jobs" | while IFS=, read -r job _ report; do scancel "$job" ${report:+"$report"} 2>/dev/null || true; done
  done
  [ "$started_cluster" -eq 1 ] && bash scripts/slurm-cluster.sh stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT
passed=0; failed=0
check() { # name, command...
  local name=$1; shift
  local t0=$SECONDS
  if "$@" >"$work/log" 2>&1; then
    passed=$((passed + 1)); echo "PASS $name ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); echo "FAIL $name ($((SECONDS - t0)) s)"; tail -n 40 "$work/log" | sed 's/^/  /'
  fi
}
finish() { echo "slurm-integration: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

delgrad="$repo/DelGrad.Cli/bin/Release/net10.0/delgrad"
if [ ! -x "$delgrad" ]; then
  dotnet build DelGrad.Cli -c Release >"$work/build.log" 2>&1 || { cat "$work/build.log"; failed=1; finish; }
fi
grid=(yinyang-h5-ws yinyang-h30-ws --seeds 0-1 --epochs 10)

start_cluster() { started_cluster=1; bash scripts/slurm-cluster.sh start; }
check "one-node Slurm cluster starts (slurmctld, slurmd, munged)" start_cluster
[ "$failed" -eq 0 ] || finish

# Waits (at most 4 minutes) until the grid's last report job has left the queue and its runs.csv is there.
wait_report() { # dir [the file its report writes]
  local report file=${2:-runs.csv}
  report=$(tail -n 1 "$1/slurm/jobs.csv" | cut -d, -f3)
  [ -n "$report" ] || return 1
  for _ in $(seq 1 480); do
    if [ -z "$(squeue --noheader --jobs="$report" --format=%i 2>/dev/null)" ] && [ -f "$1/$file" ]; then return 0; fi
    sleep 0.5
  done
  echo "the report job $report did not finish within 4 minutes"; squeue; return 1
}
# runs.csv and the table without the timing columns (seconds_per_epoch, s/epoch), and every run's model.json.
same_as_local() { # slurm dir, slurm report output
  diff <(cut -d, -f9 --complement "$work/local/runs.csv") <(cut -d, -f9 --complement "$1/runs.csv") &&
    diff <(grep '^|' "$work/local.out" | awk -F'|' 'BEGIN{OFS="|"} {NF=NF-2; print}') <(grep '^|' "$2" | awk -F'|' 'BEGIN{OFS="|"} {NF=NF-2; print}') &&
    for run in "$work"/local/*/; do cmp "$run/model.json" "$1/$(basename "$run")/model.json" || return 1; done &&
    [ "$(grep -c . "$1/runs.csv")" -eq 5 ]
}

submit() { # dir, extra args...
  local dir=$1; shift
  "$delgrad" train "${grid[@]}" --out "$dir" --slurm --cpus-per-task 1 "$@" | tee "$work/submit.out"
  [ "${PIPESTATUS[0]}" -eq 0 ] && [ "$(tail -n 1 "$work/submit.out")" = "$(tail -n 1 "$dir/slurm/jobs.csv" | cut -d, -f1)" ]
}
local_run() { "$delgrad" train "${grid[@]}" --threads 2 --out "$work/local" >"$work/local.out"; }
report_after() { wait_report "$1" && "$delgrad" report "$1" >"$work/report.out" && cat "$work/report.out" && same_as_local "$1" "$work/report.out"; }

check "submit a 2 configs x 2 seeds grid: one job array, its job id printed and recorded" submit "$work/grid"
check "the same grid trained locally (train --seeds)" local_run
check "report of the Slurm grid = the local run (runs.csv, table, model bits; timing aside)" report_after "$work/grid"

# One run interrupted (its summary gone, its checkpoint kept) and one never run (its directory gone).
interrupt() {
  rm "$work/grid/yinyang-h5-ws-seed1/summary.json" "$work/grid/runs.csv" && rm -r "$work/grid/yinyang-h30-ws-seed0" &&
    "$delgrad" status "$work/grid" | tee "$work/status.out" &&
    grep -q '| 1 | yinyang-h5-ws-seed1 | failed |' "$work/status.out" && grep -q '| 2 | yinyang-h30-ws-seed0 | failed |' "$work/status.out" &&
    grep -q '| 0 | yinyang-h5-ws-seed0 | finished |' "$work/status.out" && grep -q 'resubmit the failed or missing tasks (1-2) with: ' "$work/status.out"
}
check "status names the interrupted and the lost run as failed, with the resubmit command" interrupt
resubmit() { submit "$work/grid" && grep -q '(tasks 1-2: 2 runs)' "$work/submit.out"; }
check "submitting the same grid again submits only tasks 1-2" resubmit
check "report after the resubmission = the local run again (resumed bit-identically)" report_after "$work/grid"
again() { submit "$work/grid" >/dev/null; grep -q 'nothing to submit' "$work/submit.out" && [ "$(grep -c . "$work/grid/slurm/jobs.csv")" -eq 3 ]; }
check "a third submission of the finished grid submits nothing" again

sweep_grid=(yinyang-h5-ws --set threshold_fp_std=0,0.16 --seeds 2 --epochs 3)
sweep_same() { # the sweep through Slurm and here: the same sweep.csv and sweep.png, bit for bit
  "$delgrad" sweep "${sweep_grid[@]}" --out "$work/sweep" --slurm --cpus-per-task 1 | tee "$work/submit.out" &&
    "$delgrad" sweep "${sweep_grid[@]}" --out "$work/sweep-local" --threads 2 >/dev/null &&
    wait_report "$work/sweep" sweep.csv && cmp "$work/sweep-local/sweep.csv" "$work/sweep/sweep.csv" && cmp "$work/sweep-local/sweep.png" "$work/sweep/sweep.png" &&
    [ "$(grep -c . "$work/sweep/sweep.csv")" -eq 5 ]
}
check "sweep --slurm (1 config x 2 values x 2 seeds): sweep.csv and sweep.png = the local sweep" sweep_same

refused() { # a partition that does not exist: sbatch's own message, exit 2, no job recorded
  "$delgrad" train "${grid[@]}" --out "$work/refused" --slurm --partition nosuchpartition 2>"$work/err"
  local code=$?
  cat "$work/err"
  [ "$code" -eq 2 ] && [ "$(grep -c . "$work/err")" -eq 1 ] && grep -q 'sbatch refused the job array: .*nosuchpartition\|sbatch refused the job array: .*[Pp]artition' "$work/err" &&
    [ ! -f "$work/refused/slurm/jobs.csv" ]
}
check "sbatch refusing the job: its message on one line, exit 2, nothing recorded" refused
no_sbatch() {
  PATH=/nonexistent "$delgrad" train "${grid[@]}" --out "$work/nosbatch" --slurm 2>"$work/err"
  local code=$?
  cat "$work/err"
  [ "$code" -eq 2 ] && grep -q 'sbatch is not on PATH' "$work/err" && [ ! -e "$work/nosbatch" ]
}
check "no sbatch on PATH: one line, exit 2, nothing written" no_sbatch
other_grid() {
  "$delgrad" train yinyang-h5-ws --seeds 0-2 --epochs 10 --out "$work/grid" --slurm 2>"$work/err"
  local code=$?
  cat "$work/err"
  [ "$code" -eq 2 ] && grep -q 'holds another grid' "$work/err" && [ "$(grep -c . "$work/grid/slurm/jobs.csv")" -eq 3 ]
}
check "a folder holding another grid: one line, exit 2, nothing submitted" other_grid
finish
