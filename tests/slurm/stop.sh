#!/bin/sh
# tests/slurm/stop.sh DIR — stop what tests/slurm/start.sh DIR started (by the pid files
# under DIR; nothing else), cancelling the cluster's jobs first: slurmd, slurmctld, then
# the accounting (slurmdbd, MariaDB) and munged.
D=${1:?usage: stop.sh DIR}
export SLURM_CONF="$D/slurm.conf"
command -v scancel >/dev/null 2>&1 && [ -f "$D/slurm.conf" ] && scancel --quiet --full -u root 2>/dev/null
stop() {
	[ -f "$1" ] || return 0
	pid=$(cat "$1")
	kill "$pid" 2>/dev/null || return 0
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
	kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
	return 0
}
# each takes a second or two to go: the cluster's two together, then the rest together
stop "$D/slurmd.pid" &
stop "$D/slurmctld.pid" &
wait
stop "$D/slurmdbd.pid" &
stop "$D/db/mariadb.pid" &
stop "$D/munge/munged.pid" &
wait
exit 0
