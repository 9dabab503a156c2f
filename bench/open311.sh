#!/usr/bin/env bash
# bench/open311.sh: how fast danvan serves Open311 GeoReport v2 with 100,000
# citizen reports in the database, next to FixMyStreet's figure on this
# class of machine (47 requests/s for requests.json, 28 for its home page).
#
# It builds the demo city with R more reports in bulk (danvan demo
# --reports R: over the last 90 days, so the default page's window is full),
# starts danvan, issues an Open311 key as the city administrator would, and
# runs wrk against:
#   - GET /open311/v2/requests.json, the default page (no query: the page
#     every client starts with, kept in memory until the next write),
#   - GET /open311/v2/requests.json?status=open,closed, the same list asked
#     with a query, so it is built from the database every time,
#   - POST /open311/v2/requests.json with the key, each request a new
#     report written in its own transaction (SQLite, synchronous=FULL),
# and prints requests/s and the p99 latency of each, and the ratio of the
# default page's rate to FixMyStreet's 47 req/s (the goal: at least 100x,
# 4,700 req/s, with p99 under 20 ms).
#
# Usage: bench/open311.sh [-r REPORTS] [-d DURATION] [-c CONNECTIONS] [-t THREADS] [-p PG_URL]
#   -r  reports added in bulk (default 100000)
#   -d  wrk -d per measurement (default 10s), after a 2 s warm-up
#   -c  wrk -c (default 32)
#   -t  danvan --threads (default: cores); wrk gets the same number
#   -p  a PostgreSQL database URL (an empty database) instead of SQLite
# DANVAN_BIN overrides build/danvan.
set -euo pipefail

reports=100000 duration=10s connections=32 threads=$(nproc) pg=""
while getopts "r:d:c:t:p:h" o; do
	case $o in
	r) reports=$OPTARG ;;
	d) duration=$OPTARG ;;
	c) connections=$OPTARG ;;
	t) threads=$OPTARG ;;
	p) pg=$OPTARG ;;
	*) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
	esac
done
FMS=47 # FixMyStreet, requests.json, on this class of machine (the issue's figure)

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" bench
command -v curl >/dev/null || { echo "bench: curl is missing: run scripts/deps.sh check" >&2; exit 1; }
if [ -z "${DANVAN_BIN:-}" ]; then
	make -s -C "$root" all >/dev/null
	DANVAN_BIN=$root/build/danvan
fi
tmp=$(mktemp -d)
pid=""
cleanup() {
	set +e # a process already gone must not stop the cleaning
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

. "$root/bench/lib.sh" # free_port

db=${pg:-sqlite:$tmp/city.db}
echo "# machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# danvan $(git -C "$root" describe --always --dirty 2>/dev/null), ${pg:+PostgreSQL}${pg:-SQLite}, $threads loops, wrk -t$threads -c$connections -d$duration"
start=$(date +%s)
echo "\$ danvan demo --households 2000 --reports $reports --db ${pg:+URL}${pg:-sqlite:city.db}"
"$DANVAN_BIN" demo --households 2000 --reports "$reports" --db "$db" >/dev/null
echo "# demo city and $reports reports in $(($(date +%s) - start)) s"

port=$(free_port)
"$DANVAN_BIN" serve --db "$db" --port "$port" --threads "$threads" 2>"$tmp/server.log" &
pid=$!
for _ in $(seq 1 200); do
	curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
	sleep 0.05
done
base=http://127.0.0.1:$port

# the city administrator issues a key, as on /report-apps
jar=$tmp/jar
csrf() { curl -s -c "$jar" -b "$jar" "$base$1" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$(csrf /login)" \
	-d login=admin@demo -d password=danvan-demo "$base/login"
key=$(curl -s -c "$jar" -b "$jar" --data-urlencode "csrf=$(csrf /report-apps)" \
	-d name=bench "$base/report-apps" | grep -o '<code class="token">[^<]*' | sed 's/.*>//')
unit=$(curl -s "$base/open311/v2/services/pothole.json" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["attributes"][0]["values"][0]["key"])')
[ -n "$key" ] && [ -n "$unit" ] || { echo "bench: no key or no community" >&2; exit 1; }
size=$(curl -s "$base/open311/v2/requests.json" | wc -c)
count=$(curl -s "$base/open311/v2/requests.json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "# the default page: $count requests, $size bytes"

cat >"$tmp/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "api_key=$key&service_code=pothole&lat=10.9061&long=106.7706&attribute%5Bunit%5D=$unit&description=O%20ga%20truoc%20so%2012"
EOF

# run NAME URL [wrk args]: prints wrk's output and keeps req/s and p99
declare -A rps p99
run() {
	local name=$1 url=$2
	shift 2
	wrk -t"$threads" -c"$connections" -d2s "$@" "$url" >/dev/null 2>&1 || true
	echo "\$ wrk -t$threads -c$connections -d$duration --latency $* $url"
	wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url" | tee "$tmp/$name.out"
	rps[$name]=$(awk '/^Requests\/sec/ { print $2 }' "$tmp/$name.out")
	p99[$name]=$(awk '$1 == "99%" { print $2 }' "$tmp/$name.out")
}
run default "$base/open311/v2/requests.json"
run query "$base/open311/v2/requests.json?status=open,closed"
before=$(curl -s "$base/open311/v2/requests.json?service_code=pothole&page_size=1" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["service_request_id"])')
run post "$base/open311/v2/requests.json" -s "$tmp/post.lua"
after=$(curl -s "$base/open311/v2/requests.json?service_code=pothole&page_size=1" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["service_request_id"])')
# the access log: time, level, method, path, status, bytes, duration, client
errors=$(awk '$5 ~ /^5[0-9][0-9]$/' "$tmp/server.log" | wc -l)

echo
printf '%-46s %12s %10s %12s\n' "" "requests/s" "p99" "vs FMS 47/s"
for n in default query post; do
	label=$n
	[ "$n" = default ] && label="GET requests.json (default page)"
	[ "$n" = query ] && label="GET requests.json?status=open,closed"
	[ "$n" = post ] && label="POST requests.json (a new report each)"
	printf '%-46s %12s %10s %11sx\n' "$label" "${rps[$n]}" "${p99[$n]}" \
		"$(awk -v r="${rps[$n]}" -v f=$FMS 'BEGIN { printf "%.0f", r / f }')"
done
echo "# reports written by the POST run: about $((after - before)); server errors (5xx): $errors"
if [ "$errors" != 0 ]; then awk '$5 ~ /^5[0-9][0-9]$/' "$tmp/server.log" | head -5 | sed 's/^/#   /'; fi
echo "# goal: the default page at least 100x FixMyStreet (4,700 req/s) with p99 under 20 ms"
