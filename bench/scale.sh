#!/usr/bin/env bash
# bench/scale.sh: danvan on PostgreSQL past one process, in one invocation.
#
#  (a) acknowledged ballots/s with two app servers on one PostgreSQL
#      (fsync and synchronous_commit on): both streams in ONE commune (its
#      writers take turns on the commune's lock) next to the same number of
#      ballots in TWO communes (one per server: their writers never wait on
#      each other); the ratio is the figure.
#  (b) read requests/s through haproxy with one and with two app servers
#      (wrk on an uncached public API list).
#  (c) latency (p50, p99) of uncached pages and API calls at this size: a
#      household search in a ward (an officer's), the ward's notices, a
#      tally page, /api/v1/me.
#
# Usage: bench/scale.sh [-n HOUSEHOLDS] [-c CONNECTIONS] [-d DURATION]
#   -n  households in the demo city (default 30000; the city has 7 wards;
#       beyond 30000 the registry grows by copies: bench/grow_registry.sql)
#   -c  client connections per ballot stream and for wrk (default 64)
#   -d  wrk's duration for (b) and (c) (default 10s)
set -euo pipefail

households=30000 connections=64 duration=10s
while getopts "n:c:d:h" o; do
	case $o in
	n) households=$OPTARG ;;
	c) connections=$OPTARG ;;
	d) duration=$OPTARG ;;
	*) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" bench
make -s -C "$root" all tests >/dev/null
bin=$root/build/danvan client=$root/build/bench/ballots
tmp=$(mktemp -d)
pids=() pgdir="" ha=""
cleanup() {
	set +e # a process already gone must not stop the cleaning
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	[ -z "$ha" ] || { kill "$ha" 2>/dev/null; wait "$ha" 2>/dev/null; }
	[ -z "$pgdir" ] || "$root/scripts/pgtest.sh" stop "$pgdir"
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

. "$root/bench/lib.sh" # free_port

serve() { # serve VAR: start a server on a free port, its port into VAR
	local port
	port=$(free_port)
	"$bin" serve --db "$db" --port "$port" --threads 1 2>>"$tmp/server.log" &
	pids+=($!)
	for _ in $(seq 1 200); do
		curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && { printf -v "$1" %s "$port"; return; }
		sleep 0.05
	done
	echo "bench: danvan did not start" >&2
	exit 1
}
stop_servers() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	pids=()
}

out=$("$root/scripts/pgtest.sh" start --durable)
pgdir=${out%% *} server=${out#* }
psql -q "$server" -c "CREATE DATABASE city"
db=${server%/*}/city
machine_line
echo "# danvan $(git -C "$root" describe --always --dirty 2>/dev/null)," \
	"PostgreSQL $(psql -tA "$server" -c 'SHOW server_version'), fsync and synchronous_commit on"
start=$(date +%s)
# The demo builds its city household by household, each through the
# domain's checks; past 30,000 the registry grows in SQL by copies of them
# (bench/grow_registry.sql), which takes minutes where the demo takes hours.
demo=$((households < 30000 ? households : 30000))
"$bin" demo --households "$demo" --db "$db" >/dev/null
"$client" setup --db "$db" --out "$tmp/voters" 2>/dev/null # the demo's households vote
[ "$households" -le "$demo" ] || psql -q -v want="$households" -f "$root/bench/grow_registry.sql" "$db"
echo "# $households households ($demo from the demo), $(wc -l <"$tmp/voters") voters ready" \
	"in $(($(date +%s) - start)) s"

# ------------------------------------------------------------ (a) ballots
# Each voter line is "MATTER TOKEN"; a matter's commune is its unit's ward.
psql -tA -F' ' "$db" -c "SELECT m.id, (SELECT t.ancestor FROM unit_tree t JOIN unit c
	ON c.id = t.ancestor WHERE t.descendant = m.unit_id AND c.kind IN ('ward', 'commune')
	ORDER BY t.depth LIMIT 1) FROM matter m" >"$tmp/commune_of"
awk 'NR == FNR { c[$1] = $2; next } { print c[$1], $0 }' "$tmp/commune_of" "$tmp/voters" |
	sort -k1,1n -s >"$tmp/by_commune"
read -r c1 c2 c3 c4 < <(cut -d' ' -f1 "$tmp/by_commune" | uniq -c | sort -rn | head -4 |
	awk '{ printf "%s ", $2 } END { print "" }')
for c in "$c1" "$c2" "$c3" "$c4"; do
	awk -v c="$c" '$1 == c { print $2, $3 }' "$tmp/by_commune" >"$tmp/commune.$c"
done
half=$(($(wc -l <"$tmp/commune.$c3") / 2))
# one commune: c1's voters, two halves; two communes: half of c2, half of c3
head -n "$half" "$tmp/commune.$c1" >"$tmp/one.a"
tail -n "$half" "$tmp/commune.$c1" >"$tmp/one.b"
head -n "$half" "$tmp/commune.$c2" >"$tmp/two.a"
head -n "$half" "$tmp/commune.$c3" >"$tmp/two.b"
# a first stream warms the caches of both servers and of PostgreSQL
head -n "$half" "$tmp/commune.$c4" | awk 'NR % 2' >"$tmp/warm.a"
head -n "$half" "$tmp/commune.$c4" | awk 'NR % 2 == 0' >"$tmp/warm.b"

serve A
serve B
await_opening psql -tA "$db" -c # (bench/lib.sh)
streams() { # streams NAME: file NAME.a through server A and NAME.b through B at once
	local t0 t1 acked
	t0=$(date +%s.%N)
	"$client" run --url "http://127.0.0.1:$A" --tokens "$tmp/$1.a" --connections "$connections" \
		--log "$tmp/$1.a.log" >"$tmp/$1.a.out" &
	local pa=$!
	"$client" run --url "http://127.0.0.1:$B" --tokens "$tmp/$1.b" --connections "$connections" \
		--log "$tmp/$1.b.log" >"$tmp/$1.b.out"
	wait $pa
	t1=$(date +%s.%N)
	acked=$(($(wc -l <"$tmp/$1.a.log") + $(wc -l <"$tmp/$1.b.log")))
	echo "$(cat "$tmp/$1.a.out")  [server A]"
	echo "$(cat "$tmp/$1.b.out")  [server B]"
	awk -v n="$acked" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", n / (b - a) }'
}
streams warm >/dev/null
echo "\$ two ballot streams of $half households each, commune $c2 and commune $c3"
two=$(streams two)
echo "$two" | sed '$d'
echo "\$ two ballot streams of $half households each, both in commune $c1"
one=$(streams one)
echo "$one" | sed '$d'
r1=$(echo "$one" | tail -1) r2=$(echo "$two" | tail -1)
echo "# (a) acknowledged ballots/s, two servers: one commune $r1, two communes $r2," \
	"ratio $(awk -v a="$r1" -v b="$r2" 'BEGIN { printf "%.2f", a ? b / a : 0 }')"
cat "$tmp"/one.?.log "$tmp"/two.?.log "$tmp"/warm.?.log >"$tmp/acked"
"$client" check --db "$db" --log "$tmp/acked" | sed 's/^/# /'

# --------------------------------------------------- (b) haproxy, 1 and 2
unit=$(psql -tA "$db" -c "SELECT id FROM unit WHERE kind = 'ward' ORDER BY households DESC LIMIT 1")
haproxy_with() { # haproxy_with N: haproxy in front of the first N servers
	[ -z "$ha" ] || { kill "$ha"; wait "$ha" 2>/dev/null || true; }
	HA=$(free_port)
	{
		printf 'global\n\tmaxconn 4096\ndefaults\n\tmode http\n\ttimeout connect 2s\n'
		printf '\ttimeout client 30s\n\ttimeout server 30s\n'
		printf 'frontend web\n\tbind 127.0.0.1:%s\n\tdefault_backend danvan\n' "$HA"
		printf 'backend danvan\n\tbalance roundrobin\n'
		printf '\tserver a 127.0.0.1:%s\n' "$A"
		[ "$1" -lt 2 ] || printf '\tserver b 127.0.0.1:%s\n' "$B"
	} >"$tmp/haproxy.cfg"
	haproxy -f "$tmp/haproxy.cfg" -db >"$tmp/haproxy.log" 2>&1 &
	ha=$!
	for _ in $(seq 1 100); do
		curl -s -o /dev/null "http://127.0.0.1:$HA/healthz" && return
		sleep 0.05
	done
}
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' | cut -d. -f1; }
path="/api/v1/notices?unit=$unit&limit=20"
for n in 1 2; do
	haproxy_with $n
	echo "\$ wrk -t2 -c$connections -d$duration http://haproxy$path  # $n app server(s)"
	wrk -t2 -c"$connections" -d"$duration" "http://127.0.0.1:$HA$path" >"$tmp/wrk.$n"
	sed 's/^/  /' "$tmp/wrk.$n"
done
b1=$(rps <"$tmp/wrk.1") b2=$(rps <"$tmp/wrk.2")
echo "# (b) read req/s through haproxy: one server $b1, two servers $b2," \
	"ratio $(awk -v a="$b1" -v b="$b2" 'BEGIN { printf "%.2f", a ? b / a : 0 }')"

# --------------------------------------------------- (c) uncached latencies
# the database at rest: (a)'s writes flushed and vacuumed now, not by a
# checkpoint or autovacuum in the middle of a measurement
psql -q "$db" -c "VACUUM (ANALYZE)" -c "CHECKPOINT"
token=$(curl -s -H 'Content-Type: application/json' \
	-d '{"login":"ward@demo","password":"danvan-demo"}' \
	"http://127.0.0.1:$A/api/v1/session" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
tdh=$(psql -tA "$db" -c "SELECT id FROM unit WHERE name = 'Tân Đông Hiệp' AND kind = 'ward'")
closed=$(psql -tA "$db" -c "SELECT id FROM matter WHERE status = 'closed' ORDER BY id LIMIT 1")
echo "# (c) one server, wrk -t2 -c16 -d$duration --latency, uncached:"
printf '#   %-48s %10s %10s %10s\n' path req/s p50 p99
for p in "/api/v1/households?unit=$tdh&q=nguyen" "/api/v1/notices?unit=$tdh&q=phi" \
	"/matters/$closed/tally" "/api/v1/me"; do
	wrk -t2 -c16 -d"$duration" --latency -H "Authorization: Bearer $token" \
		"http://127.0.0.1:$A$p" >"$tmp/lat"
	printf '#   %-48s %10s %10s %10s\n' "$p" "$(rps <"$tmp/lat")" \
		"$(awk '$1 == "50%" { print $2 }' "$tmp/lat")" "$(awk '$1 == "99%" { print $2 }' "$tmp/lat")"
done
