#!/bin/bash
# The browser flows against one demo server: Debian's Chromium, axe-core on
# every page. run.mjs: the registry, invitation slips, claiming, languages;
# notices.mjs: publishing a notice, "đã biết", reach; matters.mjs: a head
# opens household ballots, a representative votes and checks the tally with
# the receipt its household kept;
# consultations.mjs: a representative comments on a draft, the synthesis;
# works.mjs: the head records a contribution and prints its receipt, a
# board member signs off an expense, the public page shows the balance.
# reports.mjs: a resident reports with a photo, the officer acknowledges and
# resolves, she confirms and rates, a neighbor has it too, the board's page.
# awards.mjs: a ward proposes, the council votes, the decision prints its
# certificates, a phone scans one and verifies it.
# plans.mjs: the city makes its plan and its review final and published, a
# ward reports on its task with evidence, a resident reads the review.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."
DB=$(new_db)
"$DANVAN_BIN" demo --households 120 --seed 9 --db "$DB" >"$T_DIR/demo.out" 2>&1
# the receipt resident@demo's household kept from the demo's closed ballot
export DEMO_RECEIPT=$(sed -n 's/.*kept the receipt \([A-Z0-9-]*\) .*/\1/p' "$T_DIR/demo.out")
start_server "$DB" --threads 2 || { echo "not ok - server did not start"; exit 1; }
rc=0
export HTMLDIR=$T_DIR/html
for flow in ${FLOWS:-run notices matters consultations works reports awards plans}; do
	echo "# $flow.mjs"
	BASE="http://127.0.0.1:$T_PORT" SHOTS="${SHOTS:-build/screenshots}" \
		node "tests/browser/$flow.mjs" || rc=1
done

# Every page the flows visited, as it was served, through the Nu HTML
# checker (the W3C's, from npm): no error.
VNU=tests/browser/node_modules/vnu-jar/build/dist/vnu.jar
pages=$(ls "$HTMLDIR"/*.html 2>/dev/null | wc -l)
ok "the flows kept the HTML of their pages ($pages)" test "$pages" -ge 20
java -jar "$VNU" --errors-only --format gnu "$HTMLDIR"/*.html >"$T_DIR/vnu.out" 2>&1
for f in "$HTMLDIR"/*.html; do
	ok "valid HTML: $(basename "$f" .html)" sh -c "! grep -F -- '$(basename "$f")' '$T_DIR/vnu.out'"
done
exit $rc
