#!/bin/bash
# A community meeting from the head's phone: calling it (the invitation is a
# notice, the calendar file, the printed invitations with their QR codes),
# the register, quorum, the votes and their refusals, closing, the minutes;
# and a meeting without a quorum sending the matter to household ballots.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 100 --seed 6 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
for who in head res; do
	case $who in res) login=resident@demo ;; *) login=$who@demo ;; esac
	ok "$who logs in" equals "$(login_as $who $login)" 303
done
get '/api/v1/units?q=dong%20tac' >/dev/null
DT=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Đông Tác".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=chieu%20lieu' >/dev/null
CL=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Chiêu Liêu".*/\1/p' "$T_DIR/body")
printf 'mat-khau-2\n' | "$DANVAN_BIN" user add headcl@demo --name "Trưởng khu phố Chiêu Liêu" --db "$DB" >/dev/null
"$DANVAN_BIN" user grant headcl@demo head "$CL" --db "$DB" >/dev/null
ok "the other head logs in" equals "$(login_as other headcl@demo mat-khau-2)" 303

# the demo's meeting: closed, with its minutes
get "/api/v1/matters?unit=$DT&status=closed" >/dev/null
DONE=$(json 'j.matters.find(m=>m.form=="meeting").id')
ok "the demo's meeting" equals "$(get "/api/v1/matters/$DONE")" 200
ok "(decided, with the representatives present)" equals "$(json '[j.result.passed, j.result.present>0, j.result.yes>0, j.meeting.quorate].join()')" "true,true,true,true"
ok "its minutes" equals "$(get "/matters/$DONE/minutes.pdf")" 200
pdftotext -layout "$T_DIR/body" "$T_DIR/minutes.txt"
ok "(the official heading)" grep -q "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$T_DIR/minutes.txt"
ok "(the count of the vote)" grep -q "$(get "/api/v1/matters/$DONE" >/dev/null; json 'j.result.yes') đồng ý" "$T_DIR/minutes.txt"
ok "(both signatures)" sh -c "grep -q 'THƯ KÝ' '$T_DIR/minutes.txt' && grep -q 'CHỦ TRÌ' '$T_DIR/minutes.txt'"

# calling a meeting
ht=$(csrf_of head "/units/$DT/matters/new")
hpost() { get "$1" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" "${@:2}"; }
ok "a matter for a meeting" equals "$(hpost "/units/$DT/matters" -d type=1 -d form=meeting --data-urlencode 'title=Mức đóng góp sửa cống thoát nước' --data-urlencode 'body=Mỗi hộ 300.000 ₫')" 303
M=$(sed -n 's/^location: \/matters\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
SOON=$(date -d '+70 minutes' +%s)
DAY=$(TZ=Asia/Ho_Chi_Minh date -d "@$SOON" +%F) TIME=$(TZ=Asia/Ho_Chi_Minh date -d "@$SOON" +%H:%M)
ok "a meeting in the past is refused" equals "$(hpost "/matters/$M/schedule" -d starts_on=2020-01-01 -d starts_time=19:00 --data-urlencode 'place=Nhà văn hóa')" 400
ok "without a place, refused" equals "$(hpost "/matters/$M/schedule" -d "starts_on=$DAY" -d "starts_time=$TIME" -d place=)" 400
ok "the head calls the meeting" equals "$(hpost "/matters/$M/schedule" -d "starts_on=$DAY" -d "starts_time=$TIME" --data-urlencode 'place=Nhà văn hóa khu phố')" 303
get "/api/v1/matters/$M" >/dev/null
NOTICE_ID=$(get "/matters/$M" >/dev/null; grep -o 'href="/notices/[0-9]*"' "$T_DIR/body" | head -1 | grep -o '[0-9]*')
ok "the invitation is a public notice" equals "$(get "/notices/$NOTICE_ID")" 200
ok "(with the time and place)" contains "$T_DIR/body" "Nhà văn hóa khu phố"
ok "a calendar file" equals "$(get "/matters/$M/meeting.ics")" 200
node "$(dirname "$0")/../browser/ics.mjs" "$T_DIR/body" >"$T_DIR/ics.json"
ok "(read by ical.js as calendars read it)" test -s "$T_DIR/ics.json"
ok "(an event at the meeting's time, in Vietnam's zone)" grep -q "\"start\":\"$(date -u -d "$DAY $TIME:00 +07:00" +%Y-%m-%dT%H:%M:%S).000Z\".*\"zone\":\"Asia/Ho_Chi_Minh\"" "$T_DIR/ics.json"
ok "(its lines folded at 75 octets, CRLF)" grep -Eq '"longest":([0-9]|[1-6][0-9]|7[0-5]),"crlf":true' "$T_DIR/ics.json"
ok "(with its place)" grep -q '"location":"Nhà văn hóa' "$T_DIR/ics.json"
ok "the printed invitations" equals "$(hpost "/matters/$M/invitations")" 200
pdftotext "$T_DIR/body" "$T_DIR/slips.txt"
ok "(one for each household)" contains "$T_DIR/slips.txt" "GIẤY MỜI HỌP CỘNG ĐỒNG DÂN CƯ"
pdftoppm -r 150 -png "$T_DIR/body" "$T_DIR/slip"
for p in "$T_DIR"/slip-*.png; do zbarimg -q --raw "$p" 2>/dev/null; done >"$T_DIR/codes"
ok "(their QR codes hold check-in links)" grep -q "/matters/$M/checkin/" "$T_DIR/codes"
CODE=$(head -1 "$T_DIR/codes" | sed 's|.*/checkin/||')

# the meeting
ok "the register opens" equals "$(hpost "/matters/$M/register/open" -d chair=Trưởng -d secretary=Thư)" 303
ok "a representative cannot check in: 404" equals "$(get "/matters/$M/register" -b "$(jar res)")" 404
ok "the register" equals "$(get "/matters/$M/register" -b "$(jar head)")" 200
IDS=$(grep -o 'name="household" value="[0-9]*"' "$T_DIR/body" | grep -o '[0-9]*')
TOTAL=$(echo "$IDS" | wc -l)
ok "scanning an invitation shows a check-in button" equals "$(get "/matters/$M/checkin/$CODE" -b "$(jar head)")" 200
ok "a forged code: 404" equals "$(get "/matters/$M/checkin/forged-code" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht")" 404
ok "the scanned household is checked in" equals "$(get "/matters/$M/checkin/$CODE" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht")" 303
FIRST=$(get "/api/v1/matters/$M" >/dev/null; json 'j.meeting.present')
ok "(one present)" equals "$FIRST" 1
# check in until exactly half: not quorate; then one more
HALF=$((TOTAL / 2))
for h in $IDS; do
	[ "$(get "/api/v1/matters/$M" >/dev/null; json 'j.meeting.present')" -ge "$HALF" ] && break
	hpost "/matters/$M/checkin" -d "household=$h" >/dev/null
done
get "/api/v1/matters/$M" >/dev/null
PRESENT=$(json 'j.meeting.present')
ok "the register counts $PRESENT of $TOTAL" equals "$(json 'j.meeting.eligible')" "$TOTAL"
QUORATE=$(json 'j.meeting.quorate')
hpost "/matters/$M/motions" -d kind=main -d method=hands >/dev/null
MOTION=$(get "/api/v1/matters/$M" >/dev/null; json 'j.meeting.motions[0].id')
if [ $((PRESENT * 2)) -le "$TOTAL" ]; then
	ok "not quorate at half or less" equals "$QUORATE" false
	ok "a vote without quorum: 409" equals "$(hpost "/motions/$MOTION/record" -d yes=1 -d no=0 -d abstain=0)" 409
fi
for h in $IDS; do
	[ "$(get "/api/v1/matters/$M" >/dev/null; json 'j.meeting.quorate')" = true ] && break
	hpost "/matters/$M/checkin" -d "household=$h" >/dev/null
done
get "/api/v1/matters/$M" >/dev/null
PRESENT=$(json 'j.meeting.present')
ok "quorate with more than half" equals "$(json 'j.meeting.quorate')" true
ok "more votes than present: 400" equals "$(hpost "/motions/$MOTION/record" -d "yes=$PRESENT" -d no=1 -d abstain=0)" 400
ot=$(csrf_of other /me)
ok "a head of another neighborhood entering counts: 403" equals "$(get "/motions/$MOTION/record" -b "$(jar other)" -X POST --data-urlencode "csrf=$ot" -d yes=1 -d no=0 -d abstain=0)" 403
ok "a resident entering counts: 403" equals "$(get "/motions/$MOTION/record" -b "$(jar res)" -X POST --data-urlencode "csrf=$(csrf_of res /me)" -d yes=1)" 403
ok "exactly half of those present agree" equals "$(hpost "/motions/$MOTION/record" -d "yes=$((PRESENT / 2))" -d "no=$((PRESENT - PRESENT / 2))" -d abstain=0)" 303
ok "closes the meeting" equals "$(hpost "/matters/$M/close")" 303
get "/api/v1/matters/$M" >/dev/null
ok "the matter is closed: exactly half of those present is not enough" equals "$(json '[j.status, j.result.passed, j.result.present].join()')" "closed,false,$PRESENT"
ok "its minutes" equals "$(get "/matters/$M/minutes.pdf")" 200
ok "(a PDF)" sh -c "pdftotext '$T_DIR/body' - | grep -q 'BIÊN BẢN'"

# no quorum: the matter goes to household ballots
ok "another meeting" equals "$(hpost "/units/$DT/matters" -d type=6 -d form=meeting --data-urlencode 'title=Giờ sinh hoạt chung' --data-urlencode 'body=Tối thứ Bảy')" 303
M2=$(sed -n 's/^location: \/matters\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
hpost "/matters/$M2/schedule" -d "starts_on=$DAY" -d "starts_time=$TIME" --data-urlencode 'place=Sân' >/dev/null
hpost "/matters/$M2/register/open" -d chair=Trưởng -d secretary=Thư >/dev/null
ok "nobody came: closed" equals "$(hpost "/matters/$M2/close" -d "ballots_on=$(date -d '+5 days' +%F)" -d ballots_time=20:00)" 303
get "/api/v1/matters/$M2" >/dev/null
FOLLOW=$(json 'j.meeting.followup')
ok "the matter went to household ballots" equals "$(get "/api/v1/matters/$FOLLOW" >/dev/null; json '[j.form, j.status, j.title].join()')" "ballot,open,Giờ sinh hoạt chung"
ok "the audit chain holds" "$DANVAN_BIN" verify --db "$DB"
