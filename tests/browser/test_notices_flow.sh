#!/bin/bash
# The notices flow (notices.mjs) against a demo server: Debian's Chromium, axe-core.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."
DB=$(new_db)
"$DANVAN_BIN" demo --households 120 --seed 9 --db "$DB" >/dev/null 2>&1
start_server "$DB" --threads 2 || { echo "not ok - server did not start"; exit 1; }
BASE="http://127.0.0.1:$T_PORT" SHOTS="${SHOTS:-build/screenshots}" node tests/browser/notices.mjs
