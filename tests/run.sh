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

passed=0
failed=0
failures=()
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

# One cmocka binary under one backend; adds its counts to the totals.
run_unit() {
	local bin=$1 backend=$2 url=$3 log
	log=$TMPDIR/$(basename "$bin").$backend.log
	DANVAN_TEST_DB=$url "$bin" >"$log" 2>&1
	local rc=$?
	local p f
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed or a sanitizer stopped it
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	local name
	name="$(basename "$bin") [$backend]"
	if [ "$f" -ne 0 ]; then
		failures+=("$name")
		printf '%-40s %3d passed, %d FAILED\n' "$name" "$p" "$f"
		sed -n '/\[  FAILED  \]\|ERROR\|FAIL\|runtime error\|Sanitizer\|^    #/p' "$log" | head -40
	else
		printf '%-40s %3d passed\n' "$name" "$p"
	fi
}

for bin in "$B"/tests/test_*; do
	[ -x "$bin" ] || continue
	src=tests/unit/$(basename "$bin").c
	[ -f "$src" ] || continue # a binary left from a removed test
	run_unit "$bin" sqlite sqlite
	if grep -q 'test_db_open\|test_ctx_new' "$src"; then
		run_unit "$bin" postgres "$pg_url"
	fi
done

# One shell test under one backend: NAME [PREFIX...] SCRIPT. Each script
# prints "ok ..." / "not ok ..." lines; adds its counts to the totals.
run_script() {
	local name=$1 backend=$2 log p f rc
	shift 2
	log=$TMPDIR/$(echo "$name" | tr -c 'a-zA-Z0-9._\n-' _).log
	DANVAN_TEST_BACKEND=$backend "$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		failures+=("$name")
		printf '%-40s %3d passed, %d FAILED\n' "$name" "$p" "$f"
		grep -v '^ok ' "$log" | head -40
	else
		printf '%-40s %3d passed\n' "$name" "$p"
	fi
}

# Command-line and HTTP tests.
export SHOTS=$PWD/$B/screenshots
for t in tests/lint/test_*.sh tests/cli/test_*.sh tests/http/test_*.sh tests/browser/test_*.sh \
	tests/fuzz/test_*.sh; do
	[ -f "$t" ] || continue
	case $t in
	tests/lint/* | tests/browser/* | tests/fuzz/*) run_script "$(basename "$t")" sqlite bash "$t" ;;
	tests/http/test_pg_*) run_script "$(basename "$t") [postgres]" postgres bash "$t" ;;
	*) for backend in sqlite postgres; do
		run_script "$(basename "$t") [$backend]" $backend bash "$t"
	done ;;
	esac
done

# The tests that depend on the day, again 400 days ahead under Debian's
# faketime (which moves the clock of the scripts, of `date` and of danvan
# alike): they must pass on any day. Not under the sanitizers, whose runtime
# does not mix with faketime's preloaded library.
FAKETIME_AHEAD=${FAKETIME_AHEAD:-+400d}
case $B in *asan*) FAKETIME_AHEAD="" ;; esac
if [ -n "$FAKETIME_AHEAD" ]; then
	# each test on one engine, the engines taking turns: the dates are
	# danvan's (C and SQL on both engines alike), and the suite stays short
	backend=postgres
	for t in notices matters meetings elections consultations receipts units reports open311 plans; do
		backend=$([ "$backend" = sqlite ] && echo postgres || echo sqlite)
		run_script "test_$t.sh [$backend, faketime $FAKETIME_AHEAD]" $backend \
			faketime -f "$FAKETIME_AHEAD" bash "tests/http/test_$t.sh"
	done
fi

if [ ${#failures[@]} -gt 0 ]; then
	echo "failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
