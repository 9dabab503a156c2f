#!/usr/bin/env bash
# bench/ballots.sh: how many household ballots danvan acknowledges per
# second over HTTP, on SQLite with synchronous=FULL (every acknowledged
# ballot is on disk), with group commit, next to the same server committing
# each ballot alone (--batch-max 1) in the same invocation.
#
# It builds a demo city of N households, opens a household ballot in every
# neighborhood and gives every household a representative account with an
# API token (bench/ballots.c setup), then casts one ballot per household
# with C keep-alive connections (bench/ballots.c run).
#
# Usage: bench/ballots.sh [-p] [-n HOUSEHOLDS] [-c CONNECTIONS] [-t THREADS] [-r REFERENCE]
#   -p  on PostgreSQL (a throwaway cluster on loopback with fsync and
#       synchronous_commit on) instead of SQLite
#   -n  households in the city, all of whom vote (default 150000)
#   -c  client connections (default 256)
#   -t  server event loops (default: cores)
#   -r  ballots in the reference run, each committed alone (default 3000)
set -euo pipefail

households=150000 connections=256 threads=$(nproc) reference=3000 pg=""
while getopts "pn:c:t:r:h" o; do
	case $o in
	p) pg=1 ;;
	n) households=$OPTARG ;;
	c) connections=$OPTARG ;;
	t) threads=$OPTARG ;;
	r) reference=$OPTARG ;;
	*) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" bench
make -s -C "$root" all tests >/dev/null
bin=$root/build/danvan client=$root/build/bench/ballots
tmp=$(mktemp -d)
pid="" pgdir=""
cleanup() {
	set +e # a process already gone must not stop the cleaning
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
	[ -z "$pgdir" ] || "$root/scripts/pgtest.sh" stop "$pgdir"
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

. "$root/bench/lib.sh" # free_port

# The two databases, the city and its copy for the reference run, as URLs.
if [ -n "$pg" ]; then
	out=$("$root/scripts/pgtest.sh" start --durable)
	pgdir=${out%% *} server=${out#* }
	psql -q "$server" -c "CREATE DATABASE city"
	city=${server%/*}/city alone=${server%/*}/alone
	engine="PostgreSQL $(psql -tA "$server" -c 'SHOW server_version'), fsync and synchronous_commit on"
else
	city=sqlite:$tmp/city.db alone=sqlite:$tmp/alone.db
	engine="SQLite synchronous=FULL"
fi
copy_city() {
	if [ -n "$pg" ]; then
		psql -q "$server" -c "CREATE DATABASE alone TEMPLATE city"
	else
		sqlite3 "$tmp/city.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
		cp "$tmp/city.db" "$tmp/alone.db"
	fi
}
sql() { # sql DB-URL QUERY
	if [ -n "$pg" ]; then psql -tA "$1" -c "$2"; else sqlite3 "${1#sqlite:}" "$2"; fi
}
count() { sql "$city" "SELECT COUNT(*) FROM ballot_box WHERE choice IS NOT NULL"; }

serve() { # serve DB BATCH_MAX: start danvan on $port, wait until it answers
	port=$(free_port)
	"$bin" serve --db "$1" --port "$port" --threads "$threads" --batch-max "$2" \
		2>"$tmp/server.log" &
	pid=$!
	for _ in $(seq 1 200); do
		curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return
		sleep 0.05
	done
	echo "bench: danvan did not start" >&2
	exit 1
}

stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

machine_line
echo "# danvan $(git -C "$root" describe --always --dirty 2>/dev/null)," \
	"$engine, $threads loops, $connections client connections"
start=$(date +%s)
"$bin" demo --households "$households" --db "$city" >/dev/null
"$client" setup --db "$city" --out "$tmp/voters" 2>/dev/null
copy_city
echo "# $households households, $(wc -l <"$tmp/voters") voters ready in $(($(date +%s) - start)) s"

serve "$city" 1024
await_opening sql "$city"
echo "\$ ballots run  # group commit (--batch-max 1024), every household"
grouped=$("$client" run --url "http://127.0.0.1:$port" --tokens "$tmp/voters" \
	--connections "$connections")
echo "$grouped"
stop
counted=$(count)
echo "# ballots in the database afterwards: $counted"

serve "$alone" 1
await_opening sql "$alone" >/dev/null
echo "\$ ballots run --limit $reference  # each ballot its own transaction (--batch-max 1)"
alone=$("$client" run --url "http://127.0.0.1:$port" --tokens "$tmp/voters" \
	--connections "$connections" --limit "$reference")
echo "$alone"
stop

rate() { sed -n 's/.*: \([0-9]*\) ballots\/s.*/\1/p' <<<"$1"; }
g=$(rate "$grouped") a=$(rate "$alone")
echo "# acknowledged ballots per second: group commit $g, one transaction each $a," \
	"ratio $(awk -v g="$g" -v a="$a" 'BEGIN { printf "%.1f", a ? g / a : 0 }')"
