#!/bin/bash
# Matters residents decide, through the browser's and the API's eyes: the
# head's draft and the rules of Art. 17, opening, a household's ballot and
# its receipt, the refusals, the result and the public tally that anyone can
# recount.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 300 --seed 4 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
for who in head res ward front; do
	case $who in res) login=resident@demo ;; *) login=$who@demo ;; esac
	ok "$who logs in" equals "$(login_as $who $login)" 303
done
get '/api/v1/units?q=dong%20tac' >/dev/null
DT=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Đông Tác".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=chieu%20lieu' >/dev/null
CL=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Chiêu Liêu".*/\1/p' "$T_DIR/body")
ok "found the neighborhoods" test -n "$DT" -a -n "$CL"

# ------------------------------------------------------------- the demo's
ok "the demo's matters are listed" equals "$(get "/api/v1/matters?unit=$DT")" 200
CLOSED=$(json 'j.matters.find(m=>m.status=="closed"&&m.form=="ballot").id')
OPEN=$(json 'j.matters.find(m=>m.status=="open" && m.form=="ballot").id')
ok "one closed, one open" test -n "$CLOSED" -a -n "$OPEN"
ok "the closed one has its result" equals "$(get "/api/v1/matters/$CLOSED")" 200
ok "(passed, with the reason)" equals "$(json 'j.result.passed+" "+(j.result.reason.length>10)+" "+j.form')" "true true ballot"
YES=$(json 'j.result.yes'); ELIG=$(json 'j.result.eligible'); SHA=$(json 'j.tally_sha256')
ok "the open one has no result yet" equals "$(get "/api/v1/matters/$OPEN" >/dev/null; json 'j.result')" null
ok "filter by status" equals "$(get "/api/v1/matters?unit=$DT&status=closed" >/dev/null; json 'j.matters.every(m=>m.status=="closed")+" "+j.matters.some(m=>m.id=='"$CLOSED"')')" "true true"
ok "a bad status: 400" equals "$(get "/api/v1/matters?status=maybe")" 400

# ------------------------------------------------------------------ tally
ok "the tally as CSV" equals "$(get "/api/v1/matters/$CLOSED/tally.csv")" 200
cp "$T_DIR/body" "$T_DIR/tally.csv"
ok "its SHA-256 is the one published" equals "$(sha256sum "$T_DIR/tally.csv" | cut -c1-64)" "$SHA"
ok "a recount of the file gives the result" equals "$(grep -c ',yes$' "$T_DIR/tally.csv")" "$YES"
ok "no household names in it" equals "$(head -1 "$T_DIR/tally.csv")" "receipt,choice"
ok "the tally as JSON" equals "$(get "/api/v1/matters/$CLOSED/tally.json")" 200
ok "(same hash, same ballots)" equals "$(json 'j.sha256+" "+j.ballots.filter(b=>b.choice=="yes").length')" "$SHA $YES"
ok "the hash is in the audit chain" sh -c "\"$DANVAN_BIN\" verify --db '$DB' >/dev/null"
ok "no tally while voting is open: 409" equals "$(get "/api/v1/matters/$OPEN/tally.json")" 409
R1=$(sed -n 2p "$T_DIR/tally.csv" | cut -d, -f1)
at=$(csrf_of anon "/matters/$CLOSED/tally")
get "/matters/$CLOSED/tally" -b "$(jar anon)" >/dev/null
ok "(its lookup posts the receipt, keeping it out of addresses and logs)" contains "$T_DIR/body" "<form method=\"post\" action=\"/matters/$CLOSED/tally\""
ok "the tally page checks a receipt" equals "$(get "/matters/$CLOSED/tally" -b "$(jar anon)" -X POST --data-urlencode "csrf=$at" -d receipt=$R1)" 200
ok "(found)" contains "$T_DIR/body" "class=\"done\""
ok "typed as it comes, lower case and without its dash" equals "$(get "/matters/$CLOSED/tally" -b "$(jar anon)" -X POST --data-urlencode "csrf=$at" -d receipt=$(echo "$R1" | tr A-Z a-z | tr -d -) >/dev/null; grep -c 'class="done"' "$T_DIR/body")" 1
ok "an unknown receipt" equals "$(get "/matters/$CLOSED/tally" -b "$(jar anon)" -X POST --data-urlencode "csrf=$at" -d receipt=ZZZZZ-ZZZZZ)" 200
ok "(not found)" contains "$T_DIR/body" "class=\"late\""

# ---------------------------------------------------------------- voting
BEFORE=$(get "/api/v1/matters/$OPEN" >/dev/null; json 'j.cast')
ok "the household's page asks it to vote" equals "$(get /me -b "$(jar res)")" 200
ok "(the ballot to cast, on its to-do list)" sh -c "grep -q 'href=\"/matters/$OPEN\">1 phiếu lấy ý kiến hộ cần bỏ' '$T_DIR/body'"
ok "the resident sees the ballot" equals "$(get "/matters/$OPEN" -b "$(jar res)")" 200
ok "(with the options)" contains "$T_DIR/body" 'name="choice" id="cyes"'
rt=$(csrf_of res "/matters/$OPEN")
ok "no CSRF token: 403" equals "$(get "/matters/$OPEN/vote" -b "$(jar res)" -X POST -d choice=yes)" 403
ok "no choice: 400" equals "$(get "/matters/$OPEN/vote" -b "$(jar res)" -X POST --data-urlencode "csrf=$rt")" 400
ok "votes" equals "$(get "/matters/$OPEN/vote" -b "$(jar res)" -X POST --data-urlencode "csrf=$rt" -d choice=yes)" 200
RECEIPT=$(grep -o '<code>[A-Z0-9]\{5\}-[A-Z0-9]\{5\}</code>' "$T_DIR/body" | head -1 | sed 's/<[^>]*>//g')
ok "and gets its receipt, on the answer itself" test -n "$RECEIPT"
ok "which is shown once: the matter's page no longer has it" sh -c "[ \"\$(curl -s -b '$(jar res)' 'http://127.0.0.1:$T_PORT/matters/$OPEN' | grep -c -e '$RECEIPT')\" = 0 ]"
ok "once voted, the household's to-do no longer has that ballot" sh -c "! curl -s -b '$(jar res)' 'http://127.0.0.1:$T_PORT/me' | grep -q 'href=\"/matters/$OPEN\">1 phiếu lấy ý kiến'"
ok "voting twice: 409" equals "$(get "/matters/$OPEN/vote" -b "$(jar res)" -X POST --data-urlencode "csrf=$rt" -d choice=no)" 409
TOKEN=$(api_token resident@demo)
ok "by the API too: 409" equals "$(get "/api/v1/matters/$OPEN/ballot" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"choice":"no"}')" 409
ok "its ballot says it voted online, with no receipt" equals "$(get "/api/v1/matters/$OPEN/ballot" -H "Authorization: Bearer $TOKEN" >/dev/null; json 'j.how+" "+j.receipt+" "+j.choice')" "online undefined undefined"
ok "voting after the deadline: 409" equals "$(get "/api/v1/matters/$CLOSED/ballot" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"choice":"yes"}')" 409
ok "an officer has no household to vote for: 403" equals "$(get "/api/v1/matters/$OPEN/ballot" -H "Authorization: Bearer $(api_token ward@demo)" -H 'Content-Type: application/json' -d '{"choice":"yes"}')" 403
# a representative of a household elsewhere (Chiêu Liêu) has no ballot in Đông Tác
get "/api/v1/households?unit=$CL" -H "Authorization: Bearer $(api_token ward@demo)" >/dev/null
ELSEWHERE=$(json 'j.households[0].id')
printf 'mat-khau-1\n' | "$DANVAN_BIN" user add cl@demo --name "Đại diện Chiêu Liêu" --household "$ELSEWHERE" --db "$DB" >/dev/null
"$DANVAN_BIN" user grant cl@demo representative "$CL" --db "$DB" >/dev/null
ok "another neighborhood's household: 400, no ballot" equals "$(get "/api/v1/matters/$OPEN/ballot" -H "Authorization: Bearer $(api_token cl@demo mat-khau-1)" -H 'Content-Type: application/json' -d '{"choice":"yes"}')" 400
ok "a choice that is not an option: 400" equals "$(get "/api/v1/matters/$OPEN/ballot" -H "Authorization: Bearer $(api_token cl@demo mat-khau-1)" -H 'Content-Type: application/json' -d '{"choice":7}')" 400
ok "anonymous: 401" equals "$(get "/api/v1/matters/$OPEN/ballot" -H 'Content-Type: application/json' -d '{"choice":"yes"}')" 401
get "/api/v1/matters/$OPEN" >/dev/null
ok "one ballot more is counted, no more" equals "$(json 'j.cast')" "$((BEFORE + 1))"

# ---------------------------------------------------------- paper ballots
ht=$(csrf_of head "/matters/$OPEN")
LEFT=$(get "/api/v1/matters/$OPEN" >/dev/null; json 'j.eligible-j.cast')
ok "the head prints the paper ballots" equals "$(get "/matters/$OPEN/ballots.pdf" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht")" 200
pdftotext "$T_DIR/body" "$T_DIR/ballots.txt"
ok "(one for each household that has not voted)" equals "$(grep -c 'PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH' "$T_DIR/ballots.txt")" "$LEFT"
grep -o '[A-Z0-9]\{5\}-[A-Z0-9]\{5\}' "$T_DIR/ballots.txt" | sort -u >"$T_DIR/receipts"
ok "(each with a receipt of its own, none the online one)" sh -c "[ \$(wc -l <'$T_DIR/receipts') = $LEFT ] && ! grep -q -e '$RECEIPT' '$T_DIR/receipts'"
R1=$(sed -n 1p "$T_DIR/receipts") R2=$(sed -n 2p "$T_DIR/receipts")
CAST=$(get "/api/v1/matters/$OPEN" >/dev/null; json 'j.cast')
ok "the distribution list" equals "$(get "/matters/$OPEN/roll" -b "$(jar head)")" 200
grep -o 'name="household" value="[0-9]*"' "$T_DIR/body" | head -2 | sed 's/.*value="//; s/"//' >"$T_DIR/signers"
for h in $(cat "$T_DIR/signers"); do
	ok "household $h signs for a paper ballot" equals "$(get "/matters/$OPEN/roll" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d household=$h)" 303
done
ok "(signing twice: 409)" equals "$(get "/matters/$OPEN/roll" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d household=$(head -1 "$T_DIR/signers"))" 409
ok "the head enters two paper ballots" equals "$(get "/matters/$OPEN/paper" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" --data-urlencode "ballots=$R1 1
$R2 1")" 200
ft=$(csrf_of front "/matters/$OPEN/paper")
ok "the front committee enters them again, one differently" equals "$(get "/matters/$OPEN/paper" -b "$(jar front)" -X POST --data-urlencode "csrf=$ft" --data-urlencode "ballots=$R1 1
$(echo "$R2" | tr A-Z a-z | tr -d -) 2")" 200
ok "(the mismatch is shown, not guessed)" sh -c "grep -q 'không được tính' '$T_DIR/body' && grep -q '<code>$R2</code>' '$T_DIR/body'"
ok "only the agreeing one counts" equals "$(get "/api/v1/matters/$OPEN" >/dev/null; json 'j.cast')" "$((CAST + 1))"
ok "a resident has no paper page: 404" equals "$(get "/matters/$OPEN/paper" -b "$(jar res)")" 404

# ----------------------------------------------------------- a new matter
ht=$(csrf_of head "/units/$DT/matters/new")
ok "the head's form" equals "$(get "/units/$DT/matters/new" -b "$(jar head)")" 200
ok "community rules by ballot are refused" equals "$(get "/units/$DT/matters" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d type=3 -d form=ballot --data-urlencode 'title=Hương ước' --data-urlencode 'body=Dự thảo')" 400
ok "(naming Art. 17)" contains "$T_DIR/body" "Điều 17"
ok "and the title typed stays" contains "$T_DIR/body" 'value="Hương ước"'
ok "an online vote for funds is refused" equals "$(get "/units/$DT/matters" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d type=2 -d form=online -d title=x -d body=y)" 400
ok "a resident cannot put a matter: 404" equals "$(get "/units/$DT/matters" -b "$(jar res)" -X POST --data-urlencode "csrf=$rt" -d type=6 -d form=ballot -d title=x -d body=y)" 404
ok "a head of another neighborhood cannot either" equals "$(get "/api/v1/matters" -H "Authorization: Bearer $(api_token head@demo)" -H 'Content-Type: application/json' -d "{\"unit\":$CL,\"type\":6,\"form\":\"ballot\",\"title\":\"x\",\"body\":\"y\"}")" 403
ok "an online vote on another matter, as a draft" equals "$(get "/units/$DT/matters" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d type=6 -d form=online --data-urlencode 'title=Giờ tắt loa' --data-urlencode 'body=Tắt loa lúc 21 giờ' --data-urlencode $'options=21 giờ\n22 giờ')" 303
M=$(sed -n 's/^location: \/matters\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "a draft is not public" equals "$(get "/matters/$M")" 404
ok "opening without agreement: 400" equals "$(get "/matters/$M/open" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d closes_on=2099-01-01 -d closes_time=20:00)" 400
ok "the head agrees" equals "$(get "/matters/$M/agree" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht")" 303
ok "the front committee agrees" equals "$(get "/api/v1/matters/$M/agree" -X POST -H "Authorization: Bearer $(api_token front@demo)")" 200
ok "a deadline too far: 400" equals "$(get "/matters/$M/open" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d closes_on=2099-01-01 -d closes_time=20:00)" 400
ok "a malformed hour: 400" equals "$(get "/matters/$M/open" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d closes_on=2099-01-01 -d closes_time=25:00)" 400
ok "opens by the API" equals "$(get "/api/v1/matters/$M/open" -H "Authorization: Bearer $(api_token head@demo)" -H 'Content-Type: application/json' -d "{\"closes_at\":\"$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)\"}")" 200
ok "(open, every household has a ballot)" equals "$(json 'j.status+" "+(j.eligible>0)+" "+j.options.length')" "open true 2"
told() { curl -s -b "$(jar res)" "http://127.0.0.1:$T_PORT/api/v1/me/notifications" | grep -q "\"url\":\"[^\"]*/matters/$M\""; }
ok "the household's representative is told in the app" within 10 told
ok "(in Vietnamese, saying the household may vote)" sh -c "curl -s -b '$(jar res)' http://127.0.0.1:$T_PORT/api/v1/me/notifications | grep -q 'Hộ của bạn được bỏ phiếu tại Đông Tác'"
ok "a malformed instant: 400" equals "$(get "/api/v1/matters/$M/open" -H "Authorization: Bearer $(api_token head@demo)" -H 'Content-Type: application/json' -d '{"closes_at":"2026-13-01T00:00:00Z"}')" 400
ok "opening twice: 409" equals "$(get "/api/v1/matters/$M/open" -H "Authorization: Bearer $(api_token head@demo)" -H 'Content-Type: application/json' -d "{\"closes_at\":\"$(date -u -d '+4 days' +%Y-%m-%dT%H:%M:%SZ)\"}")" 409
ok "the public sees it now" equals "$(get "/matters/$M")" 200
ok "with the rule in force" contains "$T_DIR/body" "50%"
ok "the rules in force" equals "$(get /api/v1/rules)" 200
ok "(legal defaults)" equals "$(json 'j.rules.map(r=>r.key+"="+r.value).join(" ")')" "meeting_quorum=50 motion_majority=50 ballot_validity=50 counters_min=3 counters_max=5 head_plan_days=20 head_team_days=10 head_notice_days=7 supervision_min=5 supervision_residents_max=5 supervision_deputies_max=2 board_members_min=5 board_per_community=1 board_answer_days=15 report_close_days=14 report_reopen_days=30 council_quorum=203 council_majority=50 title_meeting_majority=50 title_deadline=1125 title_publish_days=15 plan_deadline=131 task_soon_days=7 periodic_month_days=5 periodic_quarter_days=10 periodic_half_days=10 periodic_year_days=15 review_deadline=228"
ok "the rules page" equals "$(get /rules)" 200
ok "the audit chain holds" "$DANVAN_BIN" verify --db "$DB"
