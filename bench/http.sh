#!/usr/bin/env bash
# bench/http.sh: how fast danvan serves its public pages, next to nginx
# serving the very same bytes as static files on the same machine.
#
# It builds a demo database in a temp dir, starts danvan and nginx on free
# loopback ports with the same number of threads/workers, copies each page
# from danvan (curl) into a file nginx serves with the same Content-Type,
# then runs wrk against both with the same -t/-c/-d and prints a table.
# Everything it starts or writes is removed on exit, Ctrl-C included.
#
# Usage: bench/http.sh [options] [PAGE...]      (bench/http.sh -h for details)
set -euo pipefail

usage() {
	cat <<'EOF'
usage: bench/http.sh [options] [PAGE...]

  -n, --households N   demo households (default 5000)          $BENCH_HOUSEHOLDS
  -d, --duration D     wrk -d per measurement (default 10s)    $BENCH_DURATION
  -c, --connections C  wrk -c (default 64)                     $BENCH_CONNECTIONS
  -t, --threads T      danvan --threads and nginx worker_processes
                       (default: number of cores)              $BENCH_THREADS
  -w, --wrk-threads W  wrk -t (default: T)                     $BENCH_WRK_THREADS
      --warmup D       wrk run before each measurement, not counted
                       (default 2s)                            $BENCH_WARMUP
  -h, --help

PAGE is a path on danvan such as / or /units/20 (default: /, the page of
the ward Tân Đông Hiệp found from the links on /, /notices and the newest
notice found from the links on /notices). $BENCH_PAGES may hold
them, separated by spaces. DANVAN_BIN overrides build/danvan.
EOF
}

# ------------------------------------------------------------ settings

households=${BENCH_HOUSEHOLDS:-5000}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-$(nproc)}
wrk_threads=${BENCH_WRK_THREADS:-}
warmup=${BENCH_WARMUP:-2s}
read -r -a pages <<<"${BENCH_PAGES:-}"

die() { echo "bench: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
	case "$1" in
	-n | --households) households=${2:?}; shift 2 ;;
	-d | --duration) duration=${2:?}; shift 2 ;;
	-c | --connections) connections=${2:?}; shift 2 ;;
	-t | --threads) threads=${2:?}; shift 2 ;;
	-w | --wrk-threads) wrk_threads=${2:?}; shift 2 ;;
	--warmup) warmup=${2:?}; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	--) shift; pages+=("$@"); break ;;
	-*) usage >&2; exit 2 ;;
	*) pages+=("$1"); shift ;;
	esac
done
: "${wrk_threads:=$threads}"

for v in households connections threads wrk_threads; do
	case "${!v}" in '' | *[!0-9]* | 0) die "$v must be a positive integer, not '${!v}'" ;; esac
done
[ "$wrk_threads" -le "$connections" ] || die "wrk needs at least as many connections as threads"
for p in "${pages[@]}"; do
	case "$p" in /*) ;; *) die "a page is a path starting with /, not '$p'" ;; esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cores=$(nproc)

# ----------------------------------------------------- packages, binary

"$root/scripts/deps.sh" bench
# deps.sh bench does not list curl (it comes with `deps.sh check`).
command -v curl >/dev/null || die "curl is missing: run scripts/deps.sh check"
if [ -z "${DANVAN_BIN:-}" ]; then
	DANVAN_BIN=$root/build/danvan
	[ -x "$DANVAN_BIN" ] || make -C "$root"
fi
[ -x "$DANVAN_BIN" ] || die "no danvan binary at $DANVAN_BIN"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ------------------------------------------------- temp dir and cleanup

tmp=$(mktemp -d "${TMPDIR:-/tmp}/danvan-bench.XXXXXX")
danvan_pid=""
nginx_pid=""
wrk_pid=""

# Stop a process we started: SIGTERM, up to 5 s, then SIGKILL.
stop() {
	local pid=$1
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	stop "$wrk_pid"
	stop "$danvan_pid"
	stop "$nginx_pid" # the master takes its workers down with it
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 130 ] && [ "$rc" -ne 143 ]; then
		for log in danvan.log nginx-error.log; do
			[ -s "$tmp/$log" ] || continue
			echo "bench: last lines of $log:" >&2
			tail -n 5 "$tmp/$log" | sed 's/^/  /' >&2
		done
	fi
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Print a command for the record (on the script's stdout, fd 3, even when
# the command's own output is redirected), then run it.
exec 3>&1
run() {
	echo "\$ $*" >&3
	"$@"
}

# wrk in the background while the shell waits for it: wrk catches SIGINT
# (it stops and prints its figures), and a shell waiting for a foreground
# child that caught SIGINT ignores the signal; `wait` lets the trap run.
wrk_run() {
	local rc=0
	echo "\$ wrk $*" >&3
	wrk "$@" 3>&- &
	wrk_pid=$!
	wait "$wrk_pid" || rc=$?
	wrk_pid=""
	return "$rc"
}

# A loopback port nothing answers on (the same idea as tests/lib.sh).
free_port() {
	local p
	for _ in $(seq 1 200); do
		p=$((20000 + RANDOM % 12000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	die "no free port"
}

# wait_http URL PID: until URL answers, or fail if PID has died.
wait_http() {
	for _ in $(seq 1 100); do
		curl -s -o /dev/null "$1" && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

# wrk opens one socket per connection; lift the soft limit as far as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# --------------------------------------------------------------- danvan

echo "# machine: $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'))," \
	"$(uname -sr); wrk, danvan and nginx share these cores"
# The binary may differ from the checked-out commit (a dirty tree, an
# older build, DANVAN_BIN): name it by its hash and build time too.
echo "# danvan: $DANVAN_BIN, sha256 $(sha256sum "$DANVAN_BIN" | cut -c1-12)," \
	"built $(date -u -r "$DANVAN_BIN" '+%F %TZ'); tree $root at" \
	"$(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')"
echo "# danvan $threads threads; nginx $("$NGINX" -v 2>&1 | sed 's|.*/||'): $threads workers;" \
	"wrk -t$wrk_threads -c$connections -d$duration (warm-up $warmup)"

db="sqlite:$tmp/danvan.db"
run "$DANVAN_BIN" demo --households "$households" --db "$db" >"$tmp/demo.out" 2>&1 ||
	{ cat "$tmp/demo.out" >&2; die "demo failed"; }

dport=$(free_port)
# danvan writes one access-log line per request on stderr; it goes to a file
# (opened for appending, so it can be emptied between runs).
echo "\$ $DANVAN_BIN serve --db $db --port $dport --threads $threads 2>>danvan.log &"
"$DANVAN_BIN" serve --db "$db" --port "$dport" --threads "$threads" 2>>"$tmp/danvan.log" 3>&- &
danvan_pid=$!
wait_http "http://127.0.0.1:$dport/healthz" "$danvan_pid" || die "danvan did not start"

# ---------------------------------------------- pages and their copies

# The default pages: the home page, the page of the ward Tân Đông Hiệp, the
# list of public notices and the newest notice.
if [ ${#pages[@]} -eq 0 ]; then
	curl -sf -o "$tmp/home" "http://127.0.0.1:$dport/" || die "GET / failed"
	ward=$(LC_ALL=C grep -o 'href="/units/[0-9]*">Tân Đông Hiệp<' "$tmp/home" | head -n 1 |
		sed 's/^href="\([^"]*\)".*/\1/')
	[ -n "$ward" ] || die "no link to Tân Đông Hiệp on /"
	curl -sf -o "$tmp/notices" "http://127.0.0.1:$dport/notices" || die "GET /notices failed"
	notice=$(grep -o 'href="/notices/[0-9]*"' "$tmp/notices" | head -n 1 | sed 's/^href="\([^"]*\)"/\1/')
	[ -n "$notice" ] || die "no notice listed on /notices"
	pages=(/ "$ward" /notices "$notice")
fi

# For each page: the body danvan returns, saved as www/N, and its
# Content-Type. nginx serves it at the same path, or at /_bench/N when the
# page has a query string or shares its path with an earlier page (nginx
# locations match the path only).
mkdir -p "$tmp/www" "$tmp/nginx"
declare -a ctype nginx_path bytes
locations=""
for i in "${!pages[@]}"; do
	p=${pages[$i]}
	code=$(curl -s -o "$tmp/www/$i" -w '%{http_code}' "http://127.0.0.1:$dport$p")
	[ "$code" = 200 ] || die "danvan answers $code to GET $p, not 200"
	ct=$(curl -s -o "$tmp/again" -w '%{content_type}' "http://127.0.0.1:$dport$p")
	cmp -s "$tmp/www/$i" "$tmp/again" || echo "# warning: GET $p changes from one request to the next"
	case "$ct" in '' | *[\"\\]*) die "cannot copy the Content-Type '$ct' of $p" ;; esac
	ctype[i]=$ct
	bytes[i]=$(wc -c <"$tmp/www/$i")
	np=${p%%\?*}
	for ((j = 0; j < i; j++)); do [ "${nginx_path[$j]}" != "$np" ] || np=""; done
	case "$p" in *\?* | *[!A-Za-z0-9/._~-]*) np="" ;; esac
	[ -n "$np" ] || np="/_bench/$i"
	nginx_path[i]=$np
	# try_files maps the page to its file without nginx's index or MIME logic.
	locations+="		location = $np { default_type \"$ct\"; try_files /$i =500; }
"
done

# ---------------------------------------------------------------- nginx

# Minimal: no access log, no gzip, keep-alive, one worker per danvan thread,
# everything (pid, logs, temp dirs) inside $tmp, run as the current user.
nport=$(free_port)
[ "$nport" != "$dport" ] || nport=$(free_port)
worker_connections=$((connections + 256 > 1024 ? connections + 256 : 1024))
{
	[ "$(id -u)" -ne 0 ] || echo "user $(id -un) $(id -gn);"
	cat <<EOF
worker_processes $threads;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections $worker_connections; }
http {
	access_log off;
	gzip off;
	sendfile on;
	tcp_nodelay on;
	keepalive_timeout 65s;
	keepalive_requests 1000000;
	types { }
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	server {
		listen 127.0.0.1:$nport reuseport;
		root $tmp/www;
$locations		location / { return 404; }
	}
}
EOF
} >"$tmp/nginx.conf"

echo "\$ $NGINX -p $tmp -e $tmp/nginx-error.log -c $tmp/nginx.conf &   # nginx.conf:"
sed 's/^/#   /' "$tmp/nginx.conf"
"$NGINX" -p "$tmp" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" 3>&- &
nginx_pid=$!
wait_http "http://127.0.0.1:$nport${nginx_path[0]}" "$nginx_pid" || die "nginx did not start"

# Both servers must return the same bytes with the same Content-Type.
for i in "${!pages[@]}"; do
	url="http://127.0.0.1:$nport${nginx_path[$i]}"
	got=$(curl -s -o "$tmp/again" -w '%{http_code} %{content_type}' "$url")
	[ "$got" = "200 ${ctype[$i]}" ] || die "nginx answers '$got' to $url, not '200 ${ctype[$i]}'"
	cmp -s "$tmp/www/$i" "$tmp/again" || die "nginx's copy of ${pages[$i]} differs"
done

# ------------------------------------------------------------------ wrk

# to_ms 4.16ms -> 4.16: wrk prints times in us, ms, s, m or h.
to_ms() {
	awk -v t="$1" 'BEGIN {
		n = t + 0; u = t; sub(/^[0-9.]+/, "", u)
		f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : \
		    (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
		if (f < 0) exit 1
		printf "%.2f", n * f
	}'
}

# cpu_ticks PID...: user + system CPU time of these processes (all their
# threads), in clock ticks. Fields 14 and 15 of /proc/PID/stat, counted
# after the ") " that ends the command name.
cpu_ticks() {
	local pid stat total=0 f
	for pid in "$@"; do
		read -r stat <"/proc/$pid/stat" || die "process $pid is gone"
		read -r -a f <<<"${stat##*) }"
		total=$((total + f[11] + f[12]))
	done
	echo "$total"
}
hz=$(getconf CLK_TCK)

# bench NAME URL PID...: warm up, measure, check; sets $rps, $p99 (ms) and
# $cpu (microseconds of the server's CPU per request, wrk's not counted:
# less sensitive than req/s to other work on a shared machine).
bench() {
	local name=$1 url=$2 out="$tmp/wrk.out" bad t0 t1 n
	shift 2
	wrk_run -t"$wrk_threads" -c"$connections" -d"$warmup" "$url" >/dev/null ||
		die "wrk warm-up against $url failed"
	t0=$(cpu_ticks "$@")
	wrk_run -t"$wrk_threads" -c"$connections" -d"$duration" --latency "$url" >"$out" ||
		{ cat "$out" >&2; die "wrk against $url failed"; }
	t1=$(cpu_ticks "$@")
	sed 's/^/#   /' "$out"
	# wrk counts anything but 2xx/3xx here; 3xx were ruled out by the curl
	# checks above, since both servers answer a fixed page.
	if bad=$(grep -E 'Non-2xx or 3xx responses|Socket errors' "$out"); then
		die "$name: $url: $bad"
	fi
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	p99=$(awk '$1 == "99%" { print $2 }' "$out")
	{ [ -n "$rps" ] && [ -n "$p99" ]; } || die "cannot read wrk's output for $url"
	p99=$(to_ms "$p99") || die "unknown time unit in wrk's p99 for $url"
	n=$(awk '/ requests in / { print $1 }' "$out")
	cpu=$(awk -v d=$((t1 - t0)) -v hz="$hz" -v n="${n:-0}" \
		'BEGIN { printf "%.1f", (n > 0 ? d / hz * 1e6 / n : 0) }')
	if [ "$name" = danvan ]; then
		# errors or warnings in danvan's log mean something went wrong
		if grep -q -E '^[^ ]+ (warn|error) ' "$tmp/danvan.log"; then
			grep -m 3 -E '^[^ ]+ (warn|error) ' "$tmp/danvan.log" >&2
			die "danvan logged errors during the run"
		fi
		: >"$tmp/danvan.log" # the access log of the run is not needed any more
	fi
}

# nginx's processes: the master and its workers.
nginx_pids=("$nginx_pid")
for f in /proc/[0-9]*/stat; do
	{ read -r stat <"$f"; } 2>/dev/null || continue
	read -r -a fields <<<"${stat##*) }"
	[ "${fields[1]}" != "$nginx_pid" ] || nginx_pids+=("${stat%% *}")
done
[ ${#nginx_pids[@]} -eq $((threads + 1)) ] ||
	echo "# warning: nginx has $((${#nginx_pids[@]} - 1)) workers, not $threads"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -a d_rps d_p99 d_cpu n_rps n_p99 n_cpu
for i in "${!pages[@]}"; do
	bench danvan "http://127.0.0.1:$dport${pages[$i]}" "$danvan_pid"
	d_rps[i]=$rps d_p99[i]=$p99 d_cpu[i]=$cpu
	bench nginx "http://127.0.0.1:$nport${nginx_path[$i]}" "${nginx_pids[@]}"
	n_rps[i]=$rps n_p99[i]=$p99 n_cpu[i]=$cpu
done

# ---------------------------------------------------------------- table

echo
echo "# $cores cores; danvan --threads $threads; nginx worker_processes $threads;" \
	"wrk -t$wrk_threads -c$connections -d$duration; $households households"
echo "# load average before the runs: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)" \
	"(other work on the machine lowers req/s; CPU us/req is steadier)"
fmt="%-20s %6s %12s %11s %11s %10s %6s %11s %10s\n"
# shellcheck disable=SC2059
printf "$fmt" page bytes "danvan req/s" "danvan p99" "nginx req/s" "nginx p99" ratio \
	"danvan CPU" "nginx CPU"
for i in "${!pages[@]}"; do
	# shellcheck disable=SC2059
	printf "$fmt" "${pages[$i]}" "${bytes[$i]}" \
		"$(printf '%.0f' "${d_rps[$i]}")" "${d_p99[$i]}ms" \
		"$(printf '%.0f' "${n_rps[$i]}")" "${n_p99[$i]}ms" \
		"$(awk -v a="${d_rps[$i]}" -v b="${n_rps[$i]}" 'BEGIN { printf "%.2f", a / b }')" \
		"${d_cpu[$i]}us" "${n_cpu[$i]}us"
done
echo "# bytes: the body; ratio: danvan req/s / nginx req/s;" \
	"CPU: the server's user+system time per request"
