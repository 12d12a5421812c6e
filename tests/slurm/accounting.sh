#!/bin/bash
# tests/slurm/accounting.sh DIR DBD_PORT DB_PORT — the test cluster's accounting, started by
# tests/slurm/start.sh before slurmctld (SLURM_CONF=DIR/slurm.conf set, munged running):
# a private MariaDB (mariadb-install-db into DIR/db; socket DIR/db/mysql.sock; TCP only on
# 127.0.0.1:DB_PORT; runs as root with --user=root), a database user for slurmdbd with a
# random password, DIR/slurmdbd.conf (mode 600, owned by root, the user slurmdbd runs as),
# slurmdbd on 127.0.0.1:DBD_PORT, and the cluster registered with `sacctmgr -i add cluster`.
# Everything it starts has a pid file under DIR that tests/slurm/stop.sh uses.
# Prints the seconds it took on stderr; exits non-zero (with the log's tail) on failure.
set -eu
D=${1:?usage: accounting.sh DIR DBD_PORT DB_PORT}
DBD=${2:?}
DBPORT=${3:?}
T0=$(date +%s%N)
fail() {
	echo "accounting.sh: $1; see $D/log/" >&2
	tail -5 "$D/log/mariadb.log" "$D/log/slurmdbd.log" 2>/dev/null >&2 || true
	exit 1
}
mkdir -p "$D/db" "$D/log"
# Slurm's recommended InnoDB settings (slurmdbd warns below them); the buffer pool is
# allocated as it is used, so the test database stays small.
INNODB="--innodb-buffer-pool-size=128M --innodb-log-file-size=64M --innodb-lock-wait-timeout=900"
# shellcheck disable=SC2086
mariadb-install-db --no-defaults --user=root --datadir="$D/db/data" --auth-root-authentication-method=socket \
	--skip-test-db --skip-name-resolve $INNODB >"$D/log/mariadb-install.log" 2>&1 || fail "mariadb-install-db failed"
# shellcheck disable=SC2086
mariadbd --no-defaults --user=root --datadir="$D/db/data" --socket="$D/db/mysql.sock" --bind-address=127.0.0.1 \
	--port="$DBPORT" --pid-file="$D/db/mariadb.pid" --log-error="$D/log/mariadb.log" --skip-name-resolve $INNODB \
	</dev/null >/dev/null 2>&1 &
sql() { mariadb --no-defaults --socket="$D/db/mysql.sock" -u root -e "$1"; }
i=0
until sql 'SELECT 1' >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -le 300 ] || fail "MariaDB did not answer on $D/db/mysql.sock in 30 s"
	sleep 0.1
done
PASS=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
sql "CREATE USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$PASS'; GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';" ||
	fail "could not create the database user"
umask 077
cat >"$D/slurmdbd.conf" <<CONF
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.socket
DbdHost=localhost
DbdAddr=127.0.0.1
DbdPort=$DBD
SlurmUser=root
PidFile=$D/slurmdbd.pid
LogFile=$D/log/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$DBPORT
StorageUser=slurm
StoragePass=$PASS
StorageLoc=slurm_acct_db
CONF
chmod 600 "$D/slurmdbd.conf"
# slurmdbd reads slurmdbd.conf beside $SLURM_CONF
slurmdbd
CLUSTER=$(sed -n 's/^ClusterName=//p' "$SLURM_CONF")
i=0
until sacctmgr -n -P show cluster format=cluster >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -le 300 ] || fail "slurmdbd did not answer on 127.0.0.1:$DBD in 30 s"
	sleep 0.1
done
sacctmgr -i add cluster "$CLUSTER" >"$D/log/sacctmgr.log" 2>&1 || fail "sacctmgr add cluster $CLUSTER failed"
T1=$(date +%s%N)
echo "accounting: MariaDB + slurmdbd up, cluster $CLUSTER registered in $(( (T1 - T0) / 1000000 )) ms" >&2
