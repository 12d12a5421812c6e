#!/bin/bash
# tests/slurm/start.sh DIR — a private single-node Slurm cluster for the tests (and by hand).
# Writes DIR/slurm.conf (this machine's CPUs and memory, no cgroups), a munge key, and
# starts munged, slurmctld and slurmd as root, each with its files under DIR; waits until
# the node is idle. Then use it with
#   export SLURM_CONF=DIR/slurm.conf
# and stop it with tests/slurm/stop.sh DIR. Needs root and the Debian packages slurm-wlm
# and munge (scripts/install-deps.sh). Exit 77 = cannot run here (the reason on stderr).
#
# Accounting (so that sacct answers): with slurmdbd and mariadb-server installed, a private
# MariaDB (datadir and socket under DIR/db, TCP on 127.0.0.1 only) and slurmdbd (DIR/slurmdbd.conf,
# mode 600) are started first and the cluster is registered (sacctmgr -i add cluster).
# DRAMA_SLURM_ACCOUNTING=0 leaves them out (AccountingStorageType=accounting_storage/none).
# DIR/accounting says which: "slurmdbd" or "none (the reason)".
set -eu
D=${1:?usage: start.sh DIR}
mkdir -p "$D"
D=$(cd "$D" && pwd)
for p in munged slurmctld slurmd sinfo; do
	command -v "$p" >/dev/null 2>&1 || { echo "SKIP: $p is not installed (scripts/install-deps.sh installs slurm-wlm and munge)" >&2; exit 77; }
done
[ "$(id -u)" -eq 0 ] || { echo "SKIP: the test cluster's daemons run as root" >&2; exit 77; }
mkdir -p "$D/state" "$D/spool" "$D/munge" "$D/log"
chmod 700 "$D/munge"
HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
# two ports above the defaults, free on loopback
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# four ports above the defaults, free on loopback: slurmctld, slurmd, slurmdbd, MariaDB
CTLD=${DRAMA_SLURM_PORT:-16817}
while ! port_free "$CTLD" || ! port_free $((CTLD + 1)) || ! port_free $((CTLD + 2)) || ! port_free $((CTLD + 3)); do
	CTLD=$((CTLD + 4))
done
SLURMD=$((CTLD + 1))
DBD=$((CTLD + 2))
DBPORT=$((CTLD + 3))
ACCT=slurmdbd
if [ "${DRAMA_SLURM_ACCOUNTING:-1}" = 0 ]; then
	ACCT="none (DRAMA_SLURM_ACCOUNTING=0)"
else
	for p in slurmdbd sacctmgr mariadbd mariadb-install-db mariadb; do
		command -v "$p" >/dev/null 2>&1 ||
			{ ACCT="none ($p is not installed: scripts/install-deps.sh installs slurmdbd and mariadb-server)"; break; }
	done
fi
dd if=/dev/urandom of="$D/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$D/munge/munge.key"
cat >"$D/slurm.conf" <<CONF
ClusterName=dramatest
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD
SlurmdPort=$SLURMD
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$D/munge/munge.socket
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool/slurmd-%n
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
$(if [ "$ACCT" = slurmdbd ]; then
	echo "AccountingStorageType=accounting_storage/slurmdbd"
	echo "AccountingStorageHost=127.0.0.1"
	echo "AccountingStoragePort=$DBD"
	echo "AccountingStoragePass=$D/munge/munge.socket"
else
	echo "AccountingStorageType=accounting_storage/none"
fi)
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SlurmctldTimeout=30
SlurmdTimeout=60
MinJobAge=300
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
echo "$HOST" >"$D/node"
munged --force --socket="$D/munge/munge.socket" --key-file="$D/munge/munge.key" \
	--pid-file="$D/munge/munged.pid" --log-file="$D/log/munged.log" --seed-file="$D/munge/seed"
export SLURM_CONF="$D/slurm.conf"
[ "$ACCT" = slurmdbd ] && ${DRAMA_SLURM_TRACE:+bash -x} "$(dirname "$0")/accounting.sh" "$D" "$DBD" "$DBPORT"
echo "$ACCT" >"$D/accounting"
slurmctld -i -f "$D/slurm.conf"
slurmd -f "$D/slurm.conf"
i=0
while :; do
	st=$(sinfo -h -n "$HOST" -o %t 2>/dev/null || true)
	case "$st" in idle*) break ;; esac
	i=$((i + 1))
	if [ $i -gt 120 ]; then
		echo "start.sh: the node did not become idle in 60 s (state: ${st:-no answer}); see $D/log/" >&2
		tail -5 "$D/log/slurmctld.log" "$D/log/slurmd.log" >&2 || true
		exit 1
	fi
	sleep 0.5
done
echo "slurm: node $HOST idle, $CPUS CPUs, ${MEM} MB, accounting: $ACCT; export SLURM_CONF=$D/slurm.conf"
