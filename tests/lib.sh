# Shared by the shell tests (tests/http, tests/cli). Source it.
# Each check prints "ok N - what" or "not ok N - what"; tests/run.sh counts them.
# Environment: DANVAN_BIN (the binary), DANVAN_TEST_BACKEND (sqlite|postgres),
# DANVAN_TEST_PG (admin URL of the throwaway cluster), TMPDIR.

set -u
: "${DANVAN_BIN:=$PWD/build/danvan}"
: "${DANVAN_TEST_BACKEND:=sqlite}"
: "${TMPDIR:=/tmp}"
T_N=0
T_DIR=$(mktemp -d "$TMPDIR/shtest.XXXXXX")
T_DBS=()
T_PIDS=()

t_cleanup() {
	[ -n "${KEEP_TEST_DIR:-}" ] && { echo "# kept $T_DIR"; return; }
	for p in "${T_PIDS[@]}"; do kill -9 "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	for d in "${T_DBS[@]}"; do
		psql -q "$DANVAN_TEST_PG" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1
	done
	rm -rf "$T_DIR"
}
trap t_cleanup EXIT

# ok "what" command...   passes when the command succeeds
ok() {
	local what=$1
	shift
	T_N=$((T_N + 1))
	if "$@" >"$T_DIR/last.out" 2>&1; then
		echo "ok $T_N - $what"
	else
		echo "not ok $T_N - $what"
		echo "#   command: $*"
		sed 's/^/#   /' "$T_DIR/last.out" | head -20
	fi
}

# Shorthands for ok.
contains() { grep -q -F -- "$2" "$1"; }
lacks() { ! grep -q -E -- "$2" "$1"; }
# The value of a JavaScript expression over the last body parsed as JSON (j).
json() { node -e "let d='';process.stdin.on('data',c=>d+=c).on('end',()=>{const j=JSON.parse(d);console.log(($1))})" <"$T_DIR/body"; }
# within N CMD...: runs CMD every half second until it succeeds, for at most N seconds
within() { local n=$(($1 * 2)); shift; while ! "$@"; do n=$((n - 1)); [ $n -gt 0 ] || return 1; sleep 0.5; done; }
equals() { [ "$1" = "$2" ] || { echo "expected '$2', got '$1'"; return 1; }; }

# vn_day N: the day N days from now in Vietnam, as a date input sends it
# (2026-12-06). Tests derive their days from the clock, so they pass on any
# day (and under faketime, which moves `date` and danvan alike).
vn_day() { TZ=Asia/Ho_Chi_Minh date -d "+$1 days" +%F; }

# A fresh empty database URL for the backend under test.
new_db() {
	if [ "$DANVAN_TEST_BACKEND" = postgres ]; then
		local name="dvsh_$$_${RANDOM}_${#T_DBS[@]}"
		psql -q "$DANVAN_TEST_PG" -c "CREATE DATABASE $name" >/dev/null || return 1
		T_DBS+=("$name")
		echo "${DANVAN_TEST_PG%/*}/$name"
	else
		echo "sqlite:$T_DIR/db_${RANDOM}_${#T_DBS[@]}.db"
		T_DBS+=("none")
	fi
}

free_port() {
	local p
	for _ in $(seq 1 200); do
		# below Linux's ephemeral ports (32768-60999), which clients use as
		# source ports; each of tests/run.sh's workers has a range of its own
		# (servers listen with SO_REUSEPORT, so two on one port would share it)
		p=$((20000 + ${DANVAN_TEST_SLOT:-0} % 4 * 3000 + RANDOM % 3000))
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# q SQL: the answer of the test's database $DB (counts and setup, for the checks)
q() {
	if [ "$DANVAN_TEST_BACKEND" = postgres ]; then psql -qtA "$DB" -c "$1"
	else sqlite3 "${DB#sqlite:}" "$1"; fi
}

# start_server URL [args...]: serve on a free port; sets T_PORT and T_PID.
start_server() {
	local url=$1
	shift
	T_PORT=$(free_port)
	"$DANVAN_BIN" serve --db "$url" --port "$T_PORT" "$@" >"$T_DIR/server.log" 2>&1 &
	T_PID=$!
	T_PIDS+=("$T_PID")
	for _ in $(seq 1 100); do
		curl -s -o /dev/null "http://127.0.0.1:$T_PORT/healthz" && return 0
		kill -0 "$T_PID" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

# get PATH [curl args...]: body in $T_DIR/body, headers in $T_DIR/head, status echoed.
get() {
	local path=$1
	shift
	curl -s -o "$T_DIR/body" -D "$T_DIR/head" -w '%{http_code}' "$@" "http://127.0.0.1:$T_PORT$path"
}

# A cookie jar per name under T_DIR.
jar() { echo "$T_DIR/jar.$1"; }

# csrf_of JAR PATH: the CSRF token of the form on PATH, fetched with the jar.
csrf_of() {
	curl -s -c "$(jar "$1")" -b "$(jar "$1")" "http://127.0.0.1:$T_PORT$2" |
		grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'
}

# login_as JAR LOGIN [PASSWORD]: a browser session in the jar; echoes the status.
login_as() {
	local token
	token=$(csrf_of "$1" /login)
	curl -s -o /dev/null -w '%{http_code}' -c "$(jar "$1")" -b "$(jar "$1")" \
		--data-urlencode "csrf=$token" --data-urlencode "login=$2" \
		--data-urlencode "password=${3:-danvan-demo}" "http://127.0.0.1:$T_PORT/login"
}

# api_token LOGIN: a bearer token from POST /api/v1/session.
api_token() {
	curl -s -H 'Content-Type: application/json' \
		-d "{\"login\":\"$1\",\"password\":\"${2:-danvan-demo}\"}" \
		"http://127.0.0.1:$T_PORT/api/v1/session" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
