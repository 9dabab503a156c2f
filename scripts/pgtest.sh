#!/bin/bash
# A throwaway PostgreSQL cluster for the test suite.
#   scripts/pgtest.sh start   prints "DIR URL" (cluster in a temp dir, loopback port)
#   scripts/pgtest.sh start --durable   the same with fsync and synchronous_commit
#                                       on, as a deployment runs (benchmarks)
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

case "${1:-}" in
start)
	dir=$(mktemp -d /tmp/danvan-pg.XXXXXX)
	chmod 755 "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
		>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	# find a free loopback port
	port=""
	for p in $(seq 15432 15532); do # below the ephemeral ports
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then port=$p; break; fi
	done
	[ -n "$port" ] || { echo "pgtest: no free port" >&2; exit 1; }
	# tests need no durability; a benchmark of writes does
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
	echo "usage: $0 start | stop DIR" >&2
	exit 2
	;;
esac
