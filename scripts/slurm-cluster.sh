#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, started by hand (no systemd, no cgroups), for trying and testing
# `delgrad train/sweep --slurm` against the real scheduler.
#   scripts/slurm-cluster.sh start   installs Debian's slurmctld slurmd slurm-client munge when missing (root),
#                                    writes /etc/slurm/slurm.conf, starts munged, slurmctld and slurmd, and waits
#                                    until sinfo shows the node idle; does nothing that is already done
#   scripts/slurm-cluster.sh stop    stops the three daemons by their pid files
# State and logs: /var/lib/slurm, /var/log/slurm; pid files in /run/slurm and /run/munge.
set -euo pipefail

run=/run/slurm
conf=/etc/slurm/slurm.conf
munge_pid=/run/munge/munged.pid

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

install() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null; then
    return
  fi
  [ "$(id -u)" -eq 0 ] || { echo "slurm-cluster: installing Slurm needs root (apt-get)" >&2; exit 2; }
  echo "slurm-cluster: installing slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
}

configure() {
  mkdir -p /etc/slurm /var/lib/slurm/slurmctld /var/lib/slurm/slurmd /var/log/slurm "$run"
  # Half the memory, so that the node never reports less than it is configured with (it would be drained).
  local memory=$(( $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) / 2 ))
  # slurmctld only runs on the host named by SlurmctldHost: this machine's name, reached on loopback.
  cat >"$conf.tmp" <<EOF
# Written by scripts/slurm-cluster.sh: one node on loopback, no cgroups, no accounting database.
ClusterName=delgrad
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=$run/slurmctld.pid
SlurmdPidFile=$run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobCompType=jobcomp/filetxt
JobCompLoc=/var/log/slurm/jobcomp.log
JobAcctGatherType=jobacct_gather/none
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$conf.tmp" "$conf"
  # Debian's packages may leave a cgroup.conf behind; without cgroups it must not be read.
  rm -f /etc/slurm/cgroup.conf
}

start_munge() {
  alive "$munge_pid" && return
  [ -f /etc/munge/munge.key ] || mungekey --create --keyfile=/etc/munge/munge.key
  chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  chmod 755 /run/munge
  rm -f /run/munge/munge.socket.2 /run/munge/munge.socket.2.lock
  runuser -u munge -- munged --pid-file="$munge_pid"
}

start() {
  install
  configure
  start_munge
  alive "$run/slurmctld.pid" || slurmctld
  alive "$run/slurmd.pid" || slurmd -N localhost
  for _ in $(seq 1 60); do
    state=$(sinfo --noheader --nodes=localhost --format=%T 2>/dev/null || true)
    if [ "$state" = idle ] || [ "$state" = mixed ] || [ "$state" = allocated ]; then
      echo "slurm-cluster: node localhost is $state"
      return
    fi
    # A node left down or drained by an earlier run is brought back.
    case "$state" in down*|drain*) scontrol update NodeName=localhost State=RESUME 2>/dev/null || true ;; esac
    sleep 0.5
  done
  echo "slurm-cluster: the node did not become idle within 30 s (sinfo: ${state:-nothing}); logs in /var/log/slurm" >&2
  exit 1
}

stop_one() { # pid file, name
  if alive "$1"; then
    local pid
    pid=$(cat "$1")
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    echo "slurm-cluster: stopped $2 ($pid)"
  fi
  rm -f "$1"
}

stop() {
  stop_one "$run/slurmd.pid" slurmd
  stop_one "$run/slurmctld.pid" slurmctld
  stop_one "$munge_pid" munged
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
