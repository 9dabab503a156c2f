#!/bin/bash
# Cultural titles against the real binary. The demo's year of Gia đình văn
# hóa in Tân Đông Hiệp: public rates per neighborhood, never who was not
# awarded (the page, the API, the published list); a household's own titles
# on /me and in the API. Then a whole year on a server whose clock is moved
# to 27 November of next year: a round, registration, an exclusion, the
# evaluation meeting (its quorum, the counts, an excluded household
# refused), the proposal, the decision refused on 26 November and taken on
# the 25th, the list published; a round of neighborhoods decided on 1
# November and published late.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 700 --seed 4 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
unit_id() { get "/api/v1/units?q=$(echo "$2" | sed 's/ /%20/g')" >/dev/null; json "j.units.find(u=>u.kind==='$1'&&u.name==='$2').id"; }
TDH=$(unit_id ward "Tân Đông Hiệp")
DT=$(unit_id neighborhood "Đông Tác")
ok "found the units" test -n "$TDH" -a -n "$DT"
WARD=$(api_token ward@demo)

# ------------------------------------------------------- the demo's year
ok "the titles and their criteria, public" equals "$(get "/titles?unit=$TDH")" 200
ok "(Gia đình văn hóa with its criteria)" sh -c "grep -q 'Gia đình văn hóa' '$T_DIR/body' && grep -q 'Thôn, Tổ dân phố văn hóa' '$T_DIR/body'"
get "/api/v1/titles?unit=$TDH" >/dev/null
R0=$(json 'j.rounds.find(r=>r.kind==="family").id')
ok "the demo's round is published" equals "$(json "j.rounds.find(r=>r.id==$R0).status")" "published"
ok "its page is public" equals "$(get "/titles/$R0")" 200
ok "(a rate for each neighborhood)" sh -c "grep -q 'Đông Tác' '$T_DIR/body' && grep -q 'Tân An' '$T_DIR/body' && grep -q '%' '$T_DIR/body'"
cp "$T_DIR/body" "$T_DIR/public.html"
get "/api/v1/titles/$R0" >/dev/null
cp "$T_DIR/body" "$T_DIR/public.json"
ok "the public API gives the tallies, not the candidates" equals "$(json '[j.tallies.length, j.candidates===undefined].join()')" "7,true"
NOTICE=$(json 'j.notice')
get "/api/v1/titles/$R0" -H "Authorization: Bearer $WARD" >/dev/null
ok "the ward sees the candidates" equals "$(json 'j.candidates.length > 0')" "true"
NOT=$(json 'j.candidates.filter(c=>c.status!=="awarded").map(c=>c.name).join("\n")')
AWARDED=$(json 'j.candidates.find(c=>c.status==="awarded").name')
ok "some were not awarded, two excluded" equals "$(json '[j.candidates.some(c=>c.status==="not_proposed"), j.candidates.filter(c=>c.status==="excluded").length].join()')" "true,2"
ok "the published list is a public notice" equals "$(get "/notices/$NOTICE")" 200
cp "$T_DIR/body" "$T_DIR/notice.html"
ok "(the list names those awarded)" contains "$T_DIR/notice.html" "${AWARDED%%,*}"
echo "$NOT" >"$T_DIR/not"
while IFS= read -r n; do
	[ -n "$n" ] || continue
	for f in public.html public.json notice.html; do
		if grep -qF -- "$n" "$T_DIR/$f"; then echo "$n in $f"; fi
	done
done <"$T_DIR/not" >"$T_DIR/leaks"
ok "who was not awarded is nowhere public" test ! -s "$T_DIR/leaks"
ok "nor why: the exclusions are not public" sh -c "! grep -q 'bạo lực gia đình' '$T_DIR/public.html' && ! grep -q 'domestic_violence' '$T_DIR/public.json'"
login_as head head@demo >/dev/null
ok "the head's sheet of Đông Tác" equals "$(get "/titles/$R0/units/$DT" -b "$(jar head)")" 200
ok "(no exclusion reason shown to the head)" lacks "$T_DIR/body" "Bị xử phạt vì bạo lực gia đình"
ok "the public has no sheet" equals "$(get "/titles/$R0/units/$DT")" 303

# a household's own titles
ok "resident@demo logs in" equals "$(login_as res resident@demo)" 303
ok "my page" equals "$(get /me -b "$(jar res)")" 200
ok "(our title, one year in a row)" sh -c "grep -q 'Danh hiệu văn hóa của gia đình' '$T_DIR/body' && grep -q 'Gia đình văn hóa 1 năm liền' '$T_DIR/body'"
HID=$(get /api/v1/me -H "Authorization: Bearer $(api_token resident@demo)" >/dev/null; json 'j.household.id')
ok "the API" equals "$(get "/api/v1/households/$HID/titles" -H "Authorization: Bearer $(api_token resident@demo)")" 200
ok "(one title, one year)" equals "$(json '[j.titles.length, j.consecutive_years, j.titles[0].title].join()')" "1,1,Gia đình văn hóa"
ok "another household's titles: 404" equals "$(get "/api/v1/households/$((HID + 1))/titles" -H "Authorization: Bearer $(api_token resident@demo)")" 404
kill "$T_PID"

# ------------------------------- next year's cycle, on 27 November of it
Y=$(($(TZ=Asia/Ho_Chi_Minh date +%Y) + 1))
DANVAN_NOW="$Y-11-27T08:00:00+07:00"
export DANVAN_NOW
ok "a server on 27/11/$Y" start_server "$DB" --threads 2
unset DANVAN_NOW
WARD=$(api_token ward@demo)
HEAD=$(api_token head@demo)
wapi() { get "$1" -H "Authorization: Bearer $WARD" -H 'Content-Type: application/json' "${@:2}"; }
hapi() { get "$1" -H "Authorization: Bearer $HEAD" -H 'Content-Type: application/json' "${@:2}"; }
ok "the head may not open a round: 403" equals "$(hapi /api/v1/titles -d "{\"kind\":\"family\",\"unit\":$TDH,\"year\":$Y}")" 403
ok "a round in a neighborhood: 400" equals "$(wapi /api/v1/titles -d "{\"kind\":\"family\",\"unit\":$DT,\"year\":$Y}")" 400
ok "the ward opens the year's round" equals "$(wapi /api/v1/titles -d "{\"kind\":\"family\",\"unit\":$TDH,\"year\":$Y}")" 201
R=$(json 'j.id')
ok "(decided by 25/11, by the rule in force)" equals "$(json 'j.deadline')" "$Y-11-25"
ok "twice: 409" equals "$(wapi /api/v1/titles -d "{\"kind\":\"family\",\"unit\":$TDH,\"year\":$Y}")" 409
get "/api/v1/households?unit=$DT&limit=100" -H "Authorization: Bearer $HEAD" >/dev/null
HH=$(json 'j.households.map(h=>h.id).join(" ")')
N=$(echo $HH | wc -w)
ok "Đông Tác has households" test "$N" -ge 6
set -- $HH
ok "the head registers five" equals "$(hapi "/api/v1/titles/$R/candidates" -d "{\"refs\":[$1,$2,$3,$4,$5]}")" 200
ok "(five added)" equals "$(json 'j.added')" 5
CL=$(unit_id neighborhood "Chiêu Liêu")
OTHER=$(get "/api/v1/households?unit=$CL&limit=1" -H "Authorization: Bearer $WARD" >/dev/null; json 'j.households[0].id')
ok "another neighborhood's household: refused" equals "$(hapi "/api/v1/titles/$R/candidates" -d "{\"refs\":[$OTHER]}")" 403
get "/api/v1/titles/$R" -H "Authorization: Bearer $WARD" >/dev/null
C=($(json 'j.candidates.map(c=>c.id).join(" ")'))
ok "the head may not exclude: 403" equals "$(hapi "/api/v1/title-candidates/${C[4]}/exclude" -d '{"reason":"social_evils","note":"x"}')" 403
ok "the ward excludes one" equals "$(wapi "/api/v1/title-candidates/${C[4]}/exclude" -d '{"reason":"social_evils","note":"Bị xử phạt vì đánh bạc"}')" 200
ok "the head calls the meeting" equals "$(hapi "/api/v1/titles/$R/meetings" -d "{\"unit\":$DT,\"starts_at\":\"$Y-11-27T10:00:00+07:00\",\"place\":\"Nhà văn hóa khu phố Đông Tác\"}")" 201
M=$(json 'j.matter')
ok "calling it twice: 409" equals "$(hapi "/api/v1/titles/$R/meetings" -d "{\"unit\":$DT,\"starts_at\":\"$Y-11-27T10:00:00+07:00\",\"place\":\"x\"}")" 409
login_as head head@demo >/dev/null
ht=$(csrf_of head "/matters/$M")
hpost() { get "$1" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" "${@:2}"; }
ok "the register opens" equals "$(hpost "/matters/$M/register/open" -d chair=Trưởng -d secretary=Thư)" 303
ELIG=$(get "/api/v1/matters/$M" >/dev/null; json 'j.meeting.eligible')
HALF=$((ELIG / 2))
k=0
for h in $HH; do
	[ $k -ge $HALF ] && break
	hpost "/matters/$M/checkin" -d "household=$h" >/dev/null
	k=$((k + 1))
done
ok "half present: no count, naming the quorum" equals "$(hapi "/api/v1/title-candidates/${C[0]}/vote" -d '{"yes":1,"no":0,"abstain":0}')" 409
ok "(more than 50%)" contains "$T_DIR/body" "trên 50%"
for h in $HH; do hpost "/matters/$M/checkin" -d "household=$h" >/dev/null; [ "$(get "/api/v1/matters/$M" >/dev/null; json 'j.meeting.quorate')" = true ] && break; done
P=$(get "/api/v1/matters/$M" >/dev/null; json 'j.meeting.present')
ok "one more: quorate" equals "$(json 'j.meeting.quorate')" "true"
ok "more hands than people: 400" equals "$(hapi "/api/v1/title-candidates/${C[0]}/vote" -d "{\"yes\":$((P + 1)),\"no\":0,\"abstain\":0}")" 400
ok "every hand: proposed" equals "$(hapi "/api/v1/title-candidates/${C[0]}/vote" -d "{\"yes\":$P,\"no\":0,\"abstain\":0}")" 200
ok "no hand: not proposed" equals "$(hapi "/api/v1/title-candidates/${C[1]}/vote" -d "{\"yes\":0,\"no\":$P,\"abstain\":0}")" 200
for c in ${C[2]} ${C[3]}; do hapi "/api/v1/title-candidates/$c/vote" -d "{\"yes\":$P,\"no\":0,\"abstain\":0}" >/dev/null; done
ok "the excluded household is not put to the meeting: 409" equals "$(hapi "/api/v1/title-candidates/${C[4]}/vote" -d "{\"yes\":$P,\"no\":0,\"abstain\":0}")" 409
ok "(naming Decree 86/2023)" contains "$T_DIR/body" "Nghị định 86/2023"
ok "the proposal waits for the meeting to close: 409" equals "$(hapi "/api/v1/titles/$R/proposals" -d "{\"unit\":$DT}")" 409
hpost "/matters/$M/motions" -d kind=main -d method=hands >/dev/null
MOTION=$(get "/api/v1/matters/$M" >/dev/null; json 'j.meeting.motions[0].id')
hpost "/motions/$MOTION/record" -d "yes=$P" -d no=0 -d abstain=0 >/dev/null
ok "the meeting closes" equals "$(hpost "/matters/$M/close")" 303
ok "the proposal goes to the ward" equals "$(hapi "/api/v1/titles/$R/proposals" -d "{\"unit\":$DT}")" 200
ok "the sheet shows it" equals "$(get "/titles/$R/units/$DT" -b "$(jar head)")" 200
ok "(sent)" contains "$T_DIR/body" "Đề nghị đã gửi lên phường"
ok "decided on 26 November: refused, naming the rule" equals "$(wapi "/api/v1/titles/$R/decide" -d "{\"number\":\"301/QĐ-UBND\",\"decided_on\":\"26/11/$Y\",\"signer\":\"Phạm Minh Tâm\"}")" 400
ok "(25/11/$Y, title_deadline)" sh -c "grep -q '25/11/$Y' '$T_DIR/body' && grep -q 'title_deadline' '$T_DIR/body'"
ok "decided on 25 November" equals "$(wapi "/api/v1/titles/$R/decide" -d "{\"number\":\"301/QĐ-UBND\",\"decided_on\":\"25/11/$Y\",\"signer\":\"Phạm Minh Tâm\"}")" 200
ok "(three awarded, due by 10/12)" equals "$(json '[j.status, j.awarded, j.publish_by, j.late].join()')" "decided,3,$Y-12-10,false"
ok "not public before its list" equals "$(get "/titles/$R")" 404
login_as ward ward@demo >/dev/null
wt=$(csrf_of ward "/titles/$R")
ok "the ward publishes the list" equals "$(get "/titles/$R/publish" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt")" 303
get "/api/v1/titles/$R" >/dev/null
ok "(public now, on time)" equals "$(json '[j.status, j.published_on, j.late].join()')" "published,$Y-11-27,false"
NID=$(json 'j.notice')
get "/api/v1/notices/$NID/reach" >/dev/null
ok "its reach is counted like any notice's" equals "$(json 'typeof j.households')" "number"
get "/api/v1/titles/$R" -H "Authorization: Bearer $WARD" >/dev/null
NAMES=$(json 'j.candidates.map(c=>c.status+"="+c.name.split(",")[0]).join("\n")')
get "/notices/$NID" >/dev/null
ok "the list names the three awarded" equals "$(echo "$NAMES" | grep '^awarded=' | while IFS== read -r s n; do grep -qF -- "$n" "$T_DIR/body" && echo y; done | wc -l | tr -d ' ')" 3
ok "and neither the one refused nor the one excluded" equals "$(echo "$NAMES" | grep -v '^awarded=' | while IFS== read -r s n; do grep -qF -- "$n" "$T_DIR/body" && echo y; done | wc -l | tr -d ' ')" 0

# neighborhoods: evaluated by the ward, decided early, published late
ok "a round of neighborhoods" equals "$(wapi /api/v1/titles -d "{\"kind\":\"community\",\"unit\":$TDH,\"year\":$Y}")" 201
RC=$(json 'j.id')
ok "Đông Tác registers" equals "$(wapi "/api/v1/titles/$RC/candidates" -d "{\"refs\":[$DT]}")" 200
ok "a household is not a neighborhood: 400" equals "$(wapi "/api/v1/titles/$RC/candidates" -d "{\"refs\":[$1]}")" 400
CC=$(get "/api/v1/titles/$RC" -H "Authorization: Bearer $WARD" >/dev/null; json 'j.candidates[0].id')
ok "not meeting them needs a reason: 400" equals "$(wapi "/api/v1/title-candidates/$CC/evaluate" -d '{"meets":false,"note":""}')" 400
ok "it meets the criteria" equals "$(wapi "/api/v1/title-candidates/$CC/evaluate" -d '{"meets":true,"note":"Đạt cả bốn tiêu chuẩn"}')" 200
ok "decided on 1 November" equals "$(wapi "/api/v1/titles/$RC/decide" -d "{\"number\":\"280/QĐ-UBND\",\"decided_on\":\"01/11/$Y\",\"signer\":\"Phạm Minh Tâm\"}")" 200
ok "(late already: due by 16/11)" equals "$(json '[j.publish_by, j.late].join()')" "$Y-11-16,true"
ok "the page says so" equals "$(get "/titles/$RC" -b "$(jar ward)")" 200
ok "(chậm)" contains "$T_DIR/body" "chậm"
ok "published all the same" equals "$(wapi "/api/v1/titles/$RC/publish" -X POST)" 200
ok "(marked late)" equals "$(json '[j.status, j.late].join()')" "published,true"
