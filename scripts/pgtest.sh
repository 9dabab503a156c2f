#!/bin/bash
# A throwaway PostgreSQL cluster for the test suite.
#   scripts/pgtest.sh start   prints "DIR URL" (cluster in a temp dir, loopback port)
#   scripts/pgtest.sh start --durable   the same with fsync and synchronous_commit
#                                       on, as a deployment runs (benchmarks)
#   scripts/pgtest.sh replica DIR       a streaming replica of the cluster in
#                                       DIR (pg_basebackup): prints "RDIR URL"
#   scripts/pgtest.sh stop DIR
# PostgreSQL refuses to run as root, so as root the cluster belongs to the
# unprivileged `postgres` user that Debian's package creates.
set -eu

bindir=""
for d in /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && bindir=$d
done
if [ -z "$bindir" ]; then
	echo "pgtest: PostgreSQL server binaries not found (run scripts/deps.sh check)" >&2
	exit 1
fi

as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# A free loopback port below the ephemeral ones.
free_port() {
	for p in $(seq 15432 15532); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return 0; fi
	done
	echo "pgtest: no free port" >&2
	exit 1
}

case "${1:-}" in
replica)
	primary=${2:?usage: pgtest.sh replica DIR}
	pport=$(sed -n '4p' "$primary/data/postmaster.pid") # its port
	dir=$(mktemp -d /tmp/danvan-pg.XXXXXX)
	chmod 755 "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	# -R writes standby.signal and primary_conninfo: it streams from the
	# primary; -c fast checkpoints at once instead of spreading it over minutes
	as_pg "$bindir/pg_basebackup" -h 127.0.0.1 -p "$pport" -U postgres -D "$dir/data" -R \
		-X stream -c fast >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
	port=$(free_port)
	as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c hot_standby=on -c max_connections=200" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	echo "$dir postgres://postgres@127.0.0.1:$port/postgres"
	;;
start)
	dir=$(mktemp -d /tmp/danvan-pg.XXXXXX)
	chmod 755 "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
		>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	port=$(free_port)
	# tests need no durability; a benchmark of writes does (and a replica's
	# base backup needs full pages in the WAL)
	fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	[ "${2:-}" = --durable ] && fast=""
	as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir $fast -c max_connections=200" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	echo "$dir postgres://postgres@127.0.0.1:$port/postgres"
	;;
stop)
	dir=${2:?usage: pgtest.sh stop DIR}
	as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
*)
	echo "usage: $0 start [--durable] | replica DIR | stop DIR" >&2
	exit 2
	;;
esac
