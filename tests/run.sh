#!/bin/bash
# Run every test of danvan: the unit tests (cmocka) on SQLite and on
# PostgreSQL, then the HTTP tests against the real binary on both.
# Usage: tests/run.sh [BUILD_DIR]        (build/ or build/asan/)
# Prints each suite's result and a closing line "N passed, N failed";
# exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
B=${1:-build}
export DANVAN_BIN=$PWD/$B/danvan
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TMPDIR=$(mktemp -d /tmp/danvan-test.XXXXXX)

pg_dir=""
cleanup() {
	[ -n "$pg_dir" ] && scripts/pgtest.sh stop "$pg_dir"
	rm -rf "$TMPDIR"
}
trap cleanup EXIT

pg_url=${DANVAN_TEST_PG:-}
if [ -z "$pg_url" ]; then
	if ! out=$(scripts/pgtest.sh start); then
		echo "cannot start the throwaway PostgreSQL cluster" >&2
		echo "0 passed, 1 failed"
		exit 1
	fi
	pg_dir=${out%% *}
	pg_url=${out#* }
fi
export DANVAN_TEST_PG=$pg_url
export SHOTS=$PWD/$B/screenshots

# ---- The jobs -------------------------------------------------------------
# One line per job in $JOBS: KIND<TAB>NAME<TAB>BACKEND<TAB>COMMAND. KIND is
# "unit" (a cmocka binary: counts from its summary) or "script" (a shell test:
# counts its "ok"/"not ok" lines). The longest jobs come first, so that the
# workers finish together.
JOBS=$TMPDIR/jobs
: >"$JOBS"
job() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$JOBS"; }

for t in tests/browser/test_*.sh; do job script "$(basename "$t")" sqlite "bash $t"; done
for t in tests/cli/test_*.sh tests/http/test_*.sh; do
	case $t in
	tests/http/test_pg_*) job script "$(basename "$t") [postgres]" postgres "bash $t" ;;
	*) for backend in sqlite postgres; do
		job script "$(basename "$t") [$backend]" $backend "bash $t"
	done ;;
	esac
done

# The tests that depend on the day, again 400 days ahead under Debian's
# faketime (which moves the clock of the scripts, of `date` and of danvan
# alike): they must pass on any day. Not under the sanitizers, whose runtime
# does not mix with faketime's preloaded library. Each test on one engine, the
# engines taking turns: the dates are danvan's (C and SQL on both engines
# alike), and the suite stays short.
FAKETIME_AHEAD=${FAKETIME_AHEAD:-+400d}
case $B in *asan*) FAKETIME_AHEAD="" ;; esac
if [ -n "$FAKETIME_AHEAD" ]; then
	backend=postgres
	for t in notices matters meetings elections consultations receipts units reports open311 plans; do
		backend=$([ "$backend" = sqlite ] && echo postgres || echo sqlite)
		job script "test_$t.sh [$backend, faketime $FAKETIME_AHEAD]" $backend \
			"faketime -f $FAKETIME_AHEAD bash tests/http/test_$t.sh"
	done
fi

for bin in "$B"/tests/test_*; do
	[ -x "$bin" ] || continue
	src=tests/unit/$(basename "$bin").c
	[ -f "$src" ] || continue # a binary left from a removed test
	job unit "$(basename "$bin") [sqlite]" sqlite "$bin"
	if grep -q 'test_db_open\|test_ctx_new' "$src"; then
		job unit "$(basename "$bin") [postgres]" "$pg_url" "$bin"
	fi
done
for t in tests/lint/test_*.sh tests/fuzz/test_*.sh; do job script "$(basename "$t")" sqlite "bash $t"; done

# ---- One job --------------------------------------------------------------
# run_job N: runs line N of $JOBS, prints its result line (and, if it failed,
# the lines that say why) in one write, and records "PASSED FAILED NAME".
run_job() {
	local kind name backend cmd log rc p f t0 out
	IFS=$'\t' read -r kind name backend cmd < <(sed -n "${1}p" "$JOBS")
	log=$TMPDIR/log.$1
	t0=$SECONDS
	if [ "$kind" = unit ]; then
		DANVAN_TEST_DB=$backend $cmd >"$log" 2>&1
		rc=$?
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
		p=${p:-0}
		f=${f:-0}
	else
		DANVAN_TEST_BACKEND=$backend $cmd >"$log" 2>&1
		rc=$?
		p=$(grep -c '^ok ' "$log")
		f=$(grep -c '^not ok ' "$log")
	fi
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # crashed, or a sanitizer stopped it
	out=$(printf '%-48s %4d passed' "$name" "$p")
	if [ "$f" -ne 0 ]; then
		out+=$(printf ', %d FAILED' "$f")
		if [ "$kind" = unit ]; then
			out+=$'\n'$(sed -n '/\[  FAILED  \]\|ERROR\|FAIL\|runtime error\|Sanitizer\|^    #/p' "$log" | head -40)
		else
			out+=$'\n'$(grep -v '^ok ' "$log" | head -40)
		fi
	fi
	out+=$(printf '  (%ds)' $((SECONDS - t0)))
	printf '%s\n' "$out"
	printf '%d %d %s\n' "$p" "$f" "$name" >"$TMPDIR/result.$1"
}

# ---- The workers ----------------------------------------------------------
# DANVAN_TEST_JOBS workers (default: one more than the cores, since most
# tests wait on sockets and processes) each take the next job from a counter
# under a lock. Each worker has its own range of ports (tests/lib.sh), so
# two servers never share one.
NJOBS=$(wc -l <"$JOBS")
WORKERS=${DANVAN_TEST_JOBS:-$(($(nproc) + 1))}
echo 0 >"$TMPDIR/next"
worker() {
	export DANVAN_TEST_SLOT=$1
	local n
	while :; do
		n=$(flock "$TMPDIR/next" sh -c 'n=$(($(cat "$1") + 1)); echo $n >"$1"; echo $n' _ "$TMPDIR/next")
		[ "$n" -le "$NJOBS" ] || return 0
		run_job "$n"
	done
}
for w in $(seq 0 $((WORKERS - 1))); do worker "$w" & done
wait

passed=0
failed=0
failures=()
for n in $(seq 1 "$NJOBS"); do
	if [ ! -f "$TMPDIR/result.$n" ]; then
		failed=$((failed + 1))
		failures+=("job $n did not finish")
		continue
	fi
	read -r p f name <"$TMPDIR/result.$n"
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -eq 0 ] || failures+=("$name")
done
if [ ${#failures[@]} -gt 0 ]; then
	echo "failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
