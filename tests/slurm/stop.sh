#!/bin/sh
# tests/slurm/stop.sh DIR — stop what tests/slurm/start.sh DIR started (by the pid files
# under DIR; nothing else), cancelling the cluster's jobs first: slurmd, slurmctld, then
# the accounting (slurmdbd, MariaDB) and munged.
D=${1:?usage: stop.sh DIR}
export SLURM_CONF="$D/slurm.conf"
command -v scancel >/dev/null 2>&1 && [ -f "$D/slurm.conf" ] && scancel --quiet --full -u root 2>/dev/null
# The daemons started for DIR: each one's pid file; if DIR was removed under the running
# cluster, the processes whose command line or environment (SLURM_CONF) names DIR.
by_dir() {
	for p in /proc/[0-9]*; do
		{ tr '\0' '\n' <"$p/cmdline"; } 2>/dev/null | grep -qF "$D/" && echo "${p#/proc/}" && continue
		{ tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qxF "SLURM_CONF=$D/slurm.conf" && echo "${p#/proc/}"
	done
}
stop() {
	if [ -f "$1" ]; then pid=$(cat "$1"); else pid=$2; fi
	[ -n "$pid" ] || return 0
	kill "$pid" 2>/dev/null || return 0
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
	kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
	return 0
}
if [ ! -d "$D" ]; then
	case "$D" in /?*/*) ;; *) echo "stop.sh: $D is gone; give its absolute path to find its daemons" >&2; exit 1 ;; esac
	for pid in $(by_dir); do
		[ "$pid" != $$ ] && stop /nonexistent "$pid" &
	done
	wait
	exit 0
fi
# each takes a second or two to go: the cluster's two together, then the rest together
stop "$D/slurmd.pid" &
stop "$D/slurmctld.pid" &
wait
stop "$D/slurmdbd.pid" &
stop "$D/db/mariadb.pid" &
stop "$D/munge/munged.pid" &
wait
exit 0
