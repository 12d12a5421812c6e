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
# each step's milliseconds since the start, in DIR/log/accounting.times
mark() { echo "$(( ($(date +%s%N) - T0) / 1000000 )) ms $1" >>"$D/log/accounting.times"; }
fail() {
	echo "accounting.sh: $1; see $D/log/" >&2
	tail -5 "$D/log/mariadb.log" "$D/log/slurmdbd.log" 2>/dev/null >&2 || true
	exit 1
}
mkdir -p "$D/db" "$D/log"
# Slurm's recommended InnoDB settings (slurmdbd warns below them; the buffer pool is
# allocated as it is used), and none of the durability a throwaway database does not need:
# no fsync (nosync: "for testing"), no doublewrite buffer, no buffer pool dump.
INNODB="--innodb-buffer-pool-size=128M --innodb-log-file-size=64M --innodb-lock-wait-timeout=900
--innodb-flush-method=nosync --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0
--innodb-buffer-pool-dump-at-shutdown=0 --innodb-buffer-pool-load-at-startup=0"
# mariadb-install-db spends half its time on the help tables and the sys schema, which
# slurmdbd never reads: a base directory of links to the installed one with those two
# scripts empty leaves them out (if that fails, the full install).
LEAN="$D/db/base"
mkdir -p "$LEAN/share/mysql" "$LEAN/lib/mysql"
ln -sfn /usr/bin "$LEAN/bin"
ln -sfn /usr/sbin "$LEAN/sbin"
ln -sfn /usr/lib/mysql/plugin "$LEAN/lib/mysql/plugin"
for f in /usr/share/mysql/*; do ln -sfn "$f" "$LEAN/share/mysql/"; done
for f in fill_help_tables.sql mysql_sys_schema.sql; do rm -f "$LEAN/share/mysql/$f" && : >"$LEAN/share/mysql/$f"; done
install_db() {
	rm -rf "$D/db/data"
	# shellcheck disable=SC2086
	mariadb-install-db --no-defaults "$@" --user=root --datadir="$D/db/data" --auth-root-authentication-method=socket \
		--skip-test-db --skip-name-resolve $INNODB >>"$D/log/mariadb-install.log" 2>&1
}
install_db --basedir="$LEAN" || install_db || fail "mariadb-install-db failed"
mark "mariadb-install-db"
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
mark "mariadbd answers"
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
mark "database user, slurmdbd.conf"
# slurmdbd reads slurmdbd.conf beside $SLURM_CONF
slurmdbd
CLUSTER=$(sed -n 's/^ClusterName=//p' "$SLURM_CONF")
i=0
until sacctmgr -n -P show cluster format=cluster >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -le 300 ] || fail "slurmdbd did not answer on 127.0.0.1:$DBD in 30 s"
	sleep 0.1
done
mark "slurmdbd answers"
sacctmgr -i add cluster "$CLUSTER" >"$D/log/sacctmgr.log" 2>&1 || fail "sacctmgr add cluster $CLUSTER failed"
mark "cluster registered"
T1=$(date +%s%N)
echo "accounting: MariaDB + slurmdbd up, cluster $CLUSTER registered in $(( (T1 - T0) / 1000000 )) ms" >&2
