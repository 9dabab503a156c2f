#!/bin/bash
# The page cache per commune: a work's page (one commune's records) is
# served from memory until its own commune or the deployment's level
# writes, whatever other communes write; a unit's page (it counts opinions
# from a whole city) is rendered again after any write. The header
# x-page-cache says which was served.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 300 --seed 5 --db "$DB" >/dev/null 2>&1
ok "server starts with one loop" start_server "$DB" --threads 1
C=$(q "SELECT id FROM work WHERE status = 'collecting' ORDER BY id LIMIT 1")
DT=$(q "SELECT unit_id FROM work WHERE id = $C")
BA_NB=$(q "SELECT id FROM unit WHERE kind = 'neighborhood' AND parent_id = (SELECT id FROM unit WHERE name = 'Bình An' AND kind = 'ward') ORDER BY id LIMIT 1")
ok "found a collecting work and a neighborhood of another ward" test -n "$C" -a -n "$BA_NB"
CODE=$(q "SELECT code FROM household WHERE unit_id = $DT AND status = 'active' AND code IS NOT NULL ORDER BY id LIMIT 1")

# hit PATH: the page came from memory
hit() { curl -s -D - -o /dev/null "http://127.0.0.1:$T_PORT$1" | grep -qi '^x-page-cache: hit'; }
miss() { ! hit "$1"; }
RT=$(api_token resident@demo)
report_in() { # report_in UNIT: a resident files a report there (a write in its commune)
	[ "$(get /api/v1/reports -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' -d "{\"category\":$(q "SELECT id FROM report_category WHERE code = 'pothole'"),\"unit\":$1,\"address\":\"Hẻm 3\",\"description\":\"Ổ gà $RANDOM\"}")" = 201 ]
}

ok "a work's page is rendered" equals "$(get "/works/$C")" 200
ok "and served from memory next" hit "/works/$C"
ok "the unit's page too" sh -c "curl -s -o /dev/null 'http://127.0.0.1:$T_PORT/units/$DT'; true"
ok "(from memory)" hit "/units/$DT"
ok "a resident files a report in another ward" report_in "$BA_NB"
ok "the work's page stays in memory" hit "/works/$C"
ok "the unit's page is rendered again (it may show anything)" miss "/units/$DT"

ok "the head logs in" equals "$(login_as head head@demo)" 303
ht=$(csrf_of head "/works/$C")
ok "the head records a contribution to the work (its commune writes)" equals "$(get "/works/$C/entries" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d kind=contribution -d "household=$CODE" -d amount=123000)" 303
ok "the work's page is rendered again" miss "/works/$C"
ok "(showing the contribution)" sh -c "curl -s 'http://127.0.0.1:$T_PORT/works/$C' | grep -q '123.000'"
ok "(then from memory)" hit "/works/$C"
ok "a report in the work's own ward" report_in "$DT"
ok "renders it again" miss "/works/$C"

# A report's page is its commune's, and so is a notice of one ward; a city's
# notice is reached from every ward, so any write renders it again.
WARD=$(q "SELECT ward_id FROM household WHERE unit_id = $DT LIMIT 1")
REP=$(q "SELECT r.id FROM report r JOIN report_category c ON c.id = r.category_id WHERE r.ward_id = $WARD AND c.private = 0 AND r.status <> 'merged' ORDER BY r.id LIMIT 1")
WN=$(q "SELECT id FROM notice WHERE ward_id = $WARD AND status = 'published' ORDER BY id LIMIT 1")
CN=$(q "SELECT id FROM notice WHERE ward_id IS NULL AND status = 'published' ORDER BY id LIMIT 1")
ok "found a report and a notice of the ward, and a city's notice" test -n "$REP" -a -n "$WN" -a -n "$CN"
# A page rendered right after its commune wrote is judged by the heads read
# before that write, and is rendered once more when they are read again
# (every PAGE_CACHE_CHECK_MS, 250 ms): let them be read first.
sleep 0.3
for p in "/reports/$REP" "/notices/$WN" "/notices/$WN/reach" "/notices/$CN"; do
	ok "$p is rendered" equals "$(get "$p")" 200
	ok "$p is then served from memory" hit "$p"
done
ok "a report in another ward" report_in "$BA_NB"
ok "the report's page stays in memory" hit "/reports/$REP"
ok "the ward's notice stays in memory" hit "/notices/$WN"
ok "(and its reach)" hit "/notices/$WN/reach"
ok "the city's notice is rendered again" miss "/notices/$CN"
ok "a report in the report's own ward" report_in "$DT"
ok "the report's page is rendered again" miss "/reports/$REP"
ok "the ward's notice is rendered again" miss "/notices/$WN"
