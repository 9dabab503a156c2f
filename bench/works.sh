#!/usr/bin/env bash
# bench/works.sh: a work's public ledger under load, on SQLite with
# synchronous=FULL (every acknowledged entry is on disk).
#
# It builds the demo city, takes the collecting work of Đông Tác (hẻm 15)
# and, with wrk over keep-alive connections and head@demo's API token:
#   1. records contributions (POST /api/v1/works/ID/entries, one entry per
#      request, each appended to the work's hash chain with its totals and
#      audit row in its own transaction) until the work holds 5,000 entries;
#   2. reads the work's public page with its 5,000 entries: as anonymous
#      readers get it (from the page cache, /works/ID), rendered for each
#      request (/works/ID?page=2, a page of the ledger, and its JSON,
#      /api/v1/works/ID), each for DURATION;
#   3. records contributions again for DURATION, next to reading /healthz
#      for the same time as the reference of a request doing nothing.
# It prints wrk's output, then entries/s, req/s and p99 in a table.
#
# Usage: bench/works.sh [-n HOUSEHOLDS] [-d DURATION] [-c CONNECTIONS] [-t THREADS] [-e ENTRIES]
#   -n  households in the demo city (default 5000)
#   -d  wrk -d of each measurement (default 10s)
#   -c  client connections (default 32)
#   -t  server event loops and wrk threads (default: cores)
#   -e  entries the work holds for the page's measurements (default 5000)
set -euo pipefail

households=5000 duration=10s connections=32 threads=$(nproc) entries=5000
while getopts "n:d:c:t:e:h" o; do
	case $o in
	n) households=$OPTARG ;;
	d) duration=$OPTARG ;;
	c) connections=$OPTARG ;;
	t) threads=$OPTARG ;;
	e) entries=$OPTARG ;;
	*) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" bench
make -s -C "$root" all >/dev/null
bin=$root/build/danvan
tmp=$(mktemp -d "${TMPDIR:-/tmp}/danvan-bench.XXXXXX")
pid=""
wrk_pid=""
cleanup() {
	set +e # a process already gone must not stop the cleaning
	[ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null && wait "$wrk_pid" 2>/dev/null
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

. "$root/bench/lib.sh" # free_port

json() { node -e "let d='';process.stdin.on('data',c=>d+=c).on('end',()=>{const j=JSON.parse(d);console.log(($1))})"; }

machine_line
echo "# danvan $(git -C "$root" describe --always --dirty 2>/dev/null)," \
	"SQLite synchronous=FULL, $threads loops, wrk -t $threads -c $connections"
"$bin" demo --households "$households" --db "sqlite:$tmp/city.db" >/dev/null
port=$(free_port)
base=http://127.0.0.1:$port
"$bin" serve --db "sqlite:$tmp/city.db" --port "$port" --threads "$threads" 2>"$tmp/server.log" &
pid=$!
for _ in $(seq 1 200); do
	curl -s -o /dev/null "$base/healthz" && break
	sleep 0.05
done
token=$(curl -s -H 'Content-Type: application/json' \
	-d '{"login":"head@demo","password":"danvan-demo"}' "$base/api/v1/session" | json 'j.token')
unit=$(curl -s "$base/api/v1/units?q=dong%20tac" | json 'j.units.find(u=>u.name=="Đông Tác").id')
work=$(curl -s "$base/api/v1/works?unit=$unit&status=collecting" | json 'j.works[0].id')
curl -s -H "Authorization: Bearer $token" "$base/api/v1/households?unit=$unit&limit=200" |
	json 'j.households.filter(h=>h.code).map(h=>JSON.stringify(h.code)).join(",")' >"$tmp/codes"
count() { curl -s "$base/api/v1/works/$work" | json 'j.entries'; }
echo "# $households households; work $work of Đông Tác, $(count) entries, $(tr ',' '\n' <"$tmp/codes" | wc -l) households to record for"

# One contribution per request, from the households of the work's unit in
# turn; with QUOTA, each thread stops after that many answers.
cat >"$tmp/record.lua" <<EOF
local codes = {$(cat "$tmp/codes")}
local quota = tonumber(os.getenv("QUOTA") or "0")
local i, answered = 0, 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
request = function()
	i = i + 1
	return wrk.format(nil, "/api/v1/works/$work/entries", nil,
		'{"kind":"contribution","method":"cash","amount":100000,"household_code":"' ..
		codes[i % #codes + 1] .. '"}')
end
response = function(status)
	answered = answered + 1
	if quota > 0 and answered >= quota then wrk.thread:stop() end
end
done = function(summary, latency, requests)
	io.write(string.format("answers that were not 201: %d\n", summary.errors.status))
end
EOF

measure() { # measure NAME wrk-args...: wrk's output in $tmp/NAME
	local name=$1
	shift
	echo "\$ wrk $*"
	wrk "$@" >"$tmp/$name"
	cat "$tmp/$name"
}

# 1. up to the entries wanted
need=$(($entries - $(count)))
if [ "$need" -gt 0 ]; then
	per=$(((need + threads - 1) / threads))
	start=$(date +%s.%N)
	echo "\$ QUOTA=$per wrk -t $threads -c $threads -d 600s -s record.lua $base  # stopped at $entries entries"
	QUOTA=$per wrk -t "$threads" -c "$threads" -d 600s -s "$tmp/record.lua" "$base" >"$tmp/fill" &
	wrk_pid=$!
	# wrk's threads stop sending at their quota, but wrk waits out -d: stop
	# it once the work holds what was asked
	while kill -0 "$wrk_pid" 2>/dev/null && [ "$(count)" -lt "$entries" ]; do sleep 0.5; done
	kill "$wrk_pid" 2>/dev/null || true
	wait "$wrk_pid" 2>/dev/null || true
	wrk_pid=""
	now=$(count)
	while [ "$now" -lt "$entries" ]; do # the last few, one by one
		curl -s -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
			-d "{\"kind\":\"contribution\",\"amount\":100000,\"household_code\":$(cut -d, -f1 "$tmp/codes")}" \
			"$base/api/v1/works/$work/entries"
		now=$((now + 1))
	done
	fill_s=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
fi
held=$(count)
echo "# the work holds $held entries (filled in ${fill_s:-0} s)"

# 2. its public page and its JSON
measure cached -t "$threads" -c "$connections" -d "$duration" --latency "$base/works/$work"
measure rendered -t "$threads" -c "$connections" -d "$duration" --latency "$base/works/$work?page=2"
measure api -t "$threads" -c "$connections" -d "$duration" --latency "$base/api/v1/works/$work"
size=$(curl -s "$base/works/$work" | wc -c)

# 3. recording, and the reference
before=$(count)
measure record -t "$threads" -c "$connections" -d "$duration" --latency -s "$tmp/record.lua" "$base"
after=$(count)
measure healthz -t "$threads" -c "$connections" -d "$duration" --latency "$base/healthz"
"$bin" verify --db "sqlite:$tmp/city.db" | tail -1

rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$tmp/$1"; }
p99() { sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p' "$tmp/$1"; }
secs=$(sed -n 's/.* in \([0-9.]*\)s, .*/\1/p' "$tmp/record")
printf '\n%-44s %12s %10s\n' "measurement ($held entries in the work)" "per second" "p99"
printf '%-44s %12s %10s\n' "record a contribution (POST, entries/s)" \
	"$(awk -v n=$((after - before)) -v s="$secs" 'BEGIN { printf "%.0f", n / s }')" "$(p99 record)"
printf '%-44s %12s %10s\n' "the work's page, anonymous (cache, $size B)" "$(rps cached)" "$(p99 cached)"
printf '%-44s %12s %10s\n' "the work's page rendered (?page=2)" "$(rps rendered)" "$(p99 rendered)"
printf '%-44s %12s %10s\n' "the work as JSON (/api/v1/works/ID)" "$(rps api)" "$(p99 api)"
printf '%-44s %12s %10s\n' "reference: /healthz" "$(rps healthz)" "$(p99 healthz)"
echo "# entries recorded in the last run: $((after - before)); rendered page / cached page:" \
	"$(awk -v a="$(rps rendered)" -v b="$(rps cached)" 'BEGIN { printf "%.2f", b ? a / b : 0 }')"
