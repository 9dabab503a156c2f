#!/bin/bash
# Public disclosure through the browser's and the API's eyes: writing and
# publishing a notice, its files, its duties, the household's "đã biết",
# the head's paper record, reach, versions, search, and every refusal.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 300 --seed 3 --db "$DB" >/dev/null 2>&1
printf 'danvan-demo\n' | "$DANVAN_BIN" user add binhan@demo --name "Cán bộ phường Bình An" --db "$DB" >/dev/null
"$DANVAN_BIN" user grant binhan@demo ward_officer code:25951 --db "$DB" >/dev/null
ok "server starts" start_server "$DB" --threads 2
for who in ward head res admin binhan; do
	case $who in res) login=resident@demo ;; *) login=$who@demo ;; esac
	ok "$who logs in" equals "$(login_as $who $login)" 303
done

get '/api/v1/units?q=tan%20dong%20hiep' >/dev/null
TDH=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Tân Đông Hiệp".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=dong%20tac' >/dev/null
DT=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Đông Tác".*/\1/p' "$T_DIR/body")
get '/api/v1/notice-categories' >/dev/null
FEES=$(grep -o '"id":[0-9]*,"code":"fees"' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
ok "found the units and the category" test -n "$TDH" -a -n "$DT" -a -n "$FEES"
get "/api/v1/notices?unit=$DT&limit=100" >/dev/null
json 'j.notices.map(n=>n.title).join("\n")' >"$T_DIR/titles"
ok "the notices danvan writes itself are in Vietnamese (meetings, works)" sh -c "grep -q '^Họp cộng đồng dân cư: ' '$T_DIR/titles' && grep -q '^Kế hoạch công trình: ' '$T_DIR/titles' && ! grep -q '^Community meeting\|^Plan of the work\|^Final accounts' '$T_DIR/titles'"

# ------------------------------------------------------------ writing a notice
ok "the officer's form" equals "$(get "/units/$TDH/notices/new" -b "$(jar ward)")" 200
t=$(csrf_of ward "/units/$TDH/notices/new")
post() { get "$1" -b "$(jar "$2")" -X POST --data-urlencode "csrf=$t" "${@:3}"; }
ok "no CSRF token: refused" equals "$(get "/units/$TDH/notices" -b "$(jar ward)" -X POST -d "category=$FEES&title=x&body=y")" 403
ok "an empty title: 400" equals "$(post "/units/$TDH/notices" ward -d "category=$FEES" --data-urlencode 'title=' --data-urlencode 'body=Nội dung giữ lại')" 400
ok "the error is next to the field" contains "$T_DIR/body" 'id="e-title"'
ok "what was typed is kept" contains "$T_DIR/body" 'Nội dung giữ lại'
ok "malformed UTF-8: 400" equals "$(post "/units/$TDH/notices" ward -d "category=$FEES" -d 'title=%C3%28' -d 'body=x')" 400
ok "a posting period shorter than the law's: 400" equals "$(post "/units/$TDH/notices" ward -d "category=$FEES" -d 'title=Phí' -d 'body=x' -d "visible_from=$(vn_day 1)" -d "visible_until=$(vn_day 15)")" 400
ok "says until when" contains "$T_DIR/body" 'id="e-visible_until"'
ok "a category that is not an id: 400" equals "$(post "/units/$TDH/notices" ward -d "category=${FEES}x" -d 'title=Phí' -d 'body=x')" 400
ok "(said at the field)" contains "$T_DIR/body" 'id="e-category"'
ok "a draft is saved" equals "$(post "/units/$TDH/notices" ward -d "category=$FEES" --data-urlencode 'title=Công khai mức phí vệ sinh 2027' --data-urlencode $'body=Mức thu: 45.000 ₫/tháng\nÁp dụng từ 01/01/2027')" 303
N=$(sed -n 's/^location: \/notices\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "it has an id" test -n "$N"
ok "the public cannot see a draft" equals "$(get "/notices/$N")" 404
ok "nor the API" equals "$(get "/api/v1/notices/$N")" 404
ok "nor another ward's officer" equals "$(get "/notices/$N" -b "$(jar binhan)")" 404
ok "the officer can" equals "$(get "/notices/$N" -b "$(jar ward)")" 200
ok "with its publish button" contains "$T_DIR/body" "/notices/$N/publish"

# who may not publish
rt=$(csrf_of res /me)
ok "a resident cannot write one: 404" equals "$(get "/units/$TDH/notices" -b "$(jar res)" -X POST --data-urlencode "csrf=$rt" -d "category=$FEES&title=x&body=y")" 404
ok "nor publish the draft" equals "$(get "/notices/$N/publish" -b "$(jar res)" -X POST --data-urlencode "csrf=$rt")" 404
RES_TOKEN=$(api_token resident@demo)
ok "a resident's API call: 403" equals "$(get /api/v1/notices -H "Authorization: Bearer $RES_TOKEN" -H 'Content-Type: application/json' -d "{\"unit\":$TDH,\"category\":$FEES,\"title\":\"x\",\"body\":\"y\"}")" 403
BA_TOKEN=$(api_token binhan@demo)
ok "another ward's officer cannot write in this ward: 403" equals "$(get /api/v1/notices -H "Authorization: Bearer $BA_TOKEN" -H 'Content-Type: application/json' -d "{\"unit\":$TDH,\"category\":$FEES,\"title\":\"x\",\"body\":\"y\"}")" 403
ok "nor publish its draft: 404" equals "$(get "/api/v1/notices/$N/publish" -H "Authorization: Bearer $BA_TOKEN" -X POST)" 404
get "/api/v1/notices?status=draft&unit=$TDH" -H "Authorization: Bearer $(api_token ward@demo)" >/dev/null
ok "nothing was written: the demo's draft and this one" equals "$(grep -o '"status":"draft"' "$T_DIR/body" | wc -l | tr -d ' ')" 2

# ------------------------------------------------------------------- files
printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' >"$T_DIR/bang-phi.pdf"
vips black "$T_DIR/x.png" 64 48 --bands 3 >/dev/null 2>&1
cp "$T_DIR/x.png" "$T_DIR/bao-cao.pdf"
vips black "$T_DIR/gps.jpg" 64 48 --bands 3 >/dev/null 2>&1
exiftool -q -overwrite_original -GPSLatitude=10.9 -GPSLatitudeRef=N -GPSLongitude=106.77 -GPSLongitudeRef=E -Make=Test "$T_DIR/gps.jpg"
ok "the test photo does carry GPS" sh -c "exiftool -s -GPSLatitude '$T_DIR/gps.jpg' | grep -q GPSLatitude"
head -c 50000000 /dev/zero >"$T_DIR/big.pdf"
up() { get "/notices/$N/files" -b "$(jar ward)" -F "csrf=$t" -F "file=@$1" "${@:2}"; }
ok "a PDF is attached" equals "$(up "$T_DIR/bang-phi.pdf")" 303
ok "a photo with GPS is attached" equals "$(up "$T_DIR/gps.jpg")" 303
ok "a PNG renamed .pdf is refused" equals "$(up "$T_DIR/bao-cao.pdf")" 400
ok "saying what it is" contains "$T_DIR/body" "PNG"
ok "a 50 MB upload: 413" equals "$(up "$T_DIR/big.pdf")" 413
ok "an upload without the CSRF token: 403" equals "$(get "/notices/$N/files" -b "$(jar ward)" -F "file=@$T_DIR/bang-phi.pdf")" 403
ok "another ward's officer cannot attach" equals "$(get "/notices/$N/files" -b "$(jar binhan)" -F "csrf=$(csrf_of binhan /me)" -F "file=@$T_DIR/bang-phi.pdf")" 404
get "/notices/$N" -b "$(jar ward)" >/dev/null
PDF=$(grep -o 'href="/files/[0-9]*">bang-phi.pdf' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
JPG=$(grep -o 'src="/files/[0-9]*/thumb"' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
ok "both are listed, once each" equals "$(grep -o '/files/[0-9]*/remove' "$T_DIR/body" | wc -l | tr -d ' ')" 2
ok "a draft's file is private" equals "$(get "/files/$PDF")" 404
ok "the PDF comes back byte for byte" equals "$(get "/files/$PDF" -b "$(jar ward)")" 200
ok "(same bytes)" cmp -s "$T_DIR/body" "$T_DIR/bang-phi.pdf"
ok "as a PDF" grep -qi '^content-type: application/pdf' "$T_DIR/head"
ok "not to be cached by others" grep -qi '^cache-control: private' "$T_DIR/head"
ok "the photo comes back" equals "$(get "/files/$JPG" -b "$(jar ward)")" 200
cp "$T_DIR/body" "$T_DIR/back.jpg"
ok "without its GPS position (exiftool)" sh -c "! exiftool -s -GPS:all -Make '$T_DIR/back.jpg' | grep -q ."
ok "and still a JPEG" sh -c "exiftool -s -FileType '$T_DIR/back.jpg' | grep -q JPEG"

# ----------------------------------------------------------------- publishing
ok "publish" equals "$(post "/notices/$N/publish" ward)" 303
ok "publishing twice: 409" equals "$(post "/notices/$N/publish" ward)" 409
ok "the public sees it now" equals "$(get "/notices/$N")" 200
ok "with its Markdown rendered" contains "$T_DIR/body" "45.000 ₫/tháng<br />"
ok "the duty checklist is public" contains "$T_DIR/body" '<section class="duties">'
ok "its files are public now" equals "$(get "/files/$PDF")" 200
ok "and cacheable" grep -qi '^cache-control: public' "$T_DIR/head"
ok "the public list has it (served from memory, fresh)" equals "$(get /notices)" 200
ok "(listed)" contains "$T_DIR/body" "/notices/$N\""
ok "search without accents finds it" equals "$(get '/notices?q=cong+khai+muc+phi+ve+sinh')" 200
ok "(found)" contains "$T_DIR/body" "/notices/$N\""
ok "the API search too" equals "$(get "/api/v1/notices?q=PH%C3%8D%20V%E1%BB%86%20SINH&unit=$DT")" 200
ok "(found by the neighborhood)" contains "$T_DIR/body" "\"id\":$N,"
ok "a search that matches nothing" equals "$(get '/notices?q=zzzz')" 200
ok "(nothing)" lacks "$T_DIR/body" "/notices/$N\""
ok "archiving before 30 days: 409" equals "$(post "/notices/$N/archive" ward)" 409

# ---------------------------------------------------------------------- duties
ok "a duty ticked with a future day: 400" equals "$(post "/notices/$N/duties/post_committee" ward -d 'done_on=2099-01-01')" 400
ok "a channel the notice does not have: 400" equals "$(post "/notices/$N/duties/meeting" ward -d 'done_on=')" 400
ok "an unknown channel: 404" equals "$(post "/notices/$N/duties/telepathy" ward)" 404
ok "a duty ticked today" equals "$(post "/notices/$N/duties/post_committee" ward --data-urlencode 'note=Bảng tin UBND')" 303
get "/notices/$N" >/dev/null
ok "shows who and what" contains "$T_DIR/body" "Bảng tin UBND"
ok "the head may not tick duties" equals "$(get "/notices/$N/duties/sms" -b "$(jar head)" -X POST --data-urlencode "csrf=$(csrf_of head /me)")" 403

# ------------------------------------------------------------------ versions
ok "edit the published notice" equals "$(post "/notices/$N" ward -d "category=$FEES" --data-urlencode 'title=Công khai mức phí vệ sinh 2027' --data-urlencode $'body=Mức thu: 40.000 ₫/tháng\nÁp dụng từ 01/01/2027' --data-urlencode 'note=Sửa mức thu')" 303
ok "its history" equals "$(get "/notices/$N/versions")" 200
ok "shows the old line struck" contains "$T_DIR/body" "<del>Mức thu: 45.000 ₫/tháng</del>"
ok "and the new one" contains "$T_DIR/body" "<ins>Mức thu: 40.000 ₫/tháng</ins>"
ok "with the reason" contains "$T_DIR/body" "Sửa mức thu"

# ----------------------------------------------------------------------- reach
get "/api/v1/notices/$N/reach" >/dev/null
before=$(sed -n 's/.*"reached":\([0-9]*\),"units".*/\1/p' "$T_DIR/body")
ok "reach starts at zero" equals "$before" 0
ok "the resident sees the button" equals "$(get "/notices/$N" -b "$(jar res)")" 200
ok "(button)" contains "$T_DIR/body" "/notices/$N/ack"
ok "the resident marks it known" equals "$(get "/notices/$N/ack" -b "$(jar res)" -X POST --data-urlencode "csrf=$rt")" 303
ok "the page says so" equals "$(get "/notices/$N" -b "$(jar res)")" 200
ok "(known)" lacks "$T_DIR/body" "/notices/$N/ack\""
ok "again by the API: already" equals "$(get "/api/v1/notices/$N/ack" -X POST -H "Authorization: Bearer $RES_TOKEN")" 200
ok "(already)" contains "$T_DIR/body" '"already":true'
ok "an officer has no household to mark: 403" equals "$(get "/api/v1/notices/$N/ack" -X POST -H "Authorization: Bearer $BA_TOKEN")" 403
get "/api/v1/notices/$N/reach" >/dev/null
ok "reach counts one household" contains "$T_DIR/body" '"reached":1,"units"'
ok "in Đông Tác" grep -q "\"unit\":$DT,\"name\":\"Đông Tác\",\"parent\":\"Tân Đông Hiệp\",\"households\":[0-9]*,\"reached\":1}" "$T_DIR/body"
ok "the head's list of households not reached" equals "$(get "/notices/$N/reach" -b "$(jar head)")" 200
HH=$(grep -o 'name="household" value="[0-9]*"' "$T_DIR/body" | grep -o '[0-9]*' | head -3 | tr '\n' ' ')
ok "has households to tick" test -n "$HH"
ht=$(csrf_of head "/notices/$N/reach")
args=(); for h in $HH; do args+=(-d "household=$h"); done
ok "the head records three on paper" equals "$(get "/notices/$N/reach" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d how=paper -d "unit=$DT" "${args[@]}")" 303
get "/api/v1/notices/$N/reach" >/dev/null
ok "reach counts four" contains "$T_DIR/body" '"reached":4,"units"'
get "/api/v1/households?unit=$TDH" -H "Authorization: Bearer $(api_token ward@demo)" >/dev/null
OTHER=$(grep -o '"id":[0-9]*' "$T_DIR/body" | grep -o '[0-9]*' | tail -1)
get "/api/v1/units?q=binh%20an" >/dev/null
BA=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Bình An".*/\1/p' "$T_DIR/body")
get "/api/v1/households?unit=$BA" -H "Authorization: Bearer $BA_TOKEN" >/dev/null
FAR=$(grep -o '"id":[0-9]*' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
ok "another ward's household in the batch: 404" equals "$(get "/notices/$N/reach" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d how=paper -d "household=$FAR" "${args[@]}")" 404
ok "a household of another neighborhood: 404" equals "$(get "/api/v1/notices/$N/reach" -H "Authorization: Bearer $(api_token head@demo)" -H 'Content-Type: application/json' -d "{\"households\":[$OTHER],\"how\":\"paper\"}")" 404
ok "a malformed batch: 400" equals "$(get "/api/v1/notices/$N/reach" -H "Authorization: Bearer $(api_token head@demo)" -H 'Content-Type: application/json' -d '{"households":["x"],"how":"paper"}')" 400
get "/api/v1/notices/$N/reach" >/dev/null
ok "nothing changed" contains "$T_DIR/body" '"reached":4,"units"'
ok "the unit home shows the reach" equals "$(get "/units/$DT")" 200
ok "(the notice)" contains "$T_DIR/body" "/notices/$N\""

# ------------------------------------------------------------- categories
ok "the law's list is public" equals "$(get /notice-categories)" 200
ok "(14 items)" equals "$(grep -o '<tr><td>[0-9][0-9]*</td>' "$T_DIR/body" | wc -l | tr -d ' ')" 14
ok "the edit form shows what is stored" equals "$(get "/notice-categories/$FEES/edit" -b "$(jar admin)")" 200
ok "(in use, and its channels ticked)" sh -c "grep -q 'name=\"active\" checked' '$T_DIR/body' && grep -q 'name=\"ch_web\" checked' '$T_DIR/body' && grep -q 'name=\"ch_sms\" checked' '$T_DIR/body'"
ok "large ids and far dates are 200 on both engines" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' 'http://127.0.0.1:$T_PORT/api/v1/notices?unit=3000000000') = 200 ] && [ \$(curl -s -o /dev/null -w '%{http_code}' 'http://127.0.0.1:$T_PORT/news?to=2040-01-01') = 200 ]"
ok "an officer cannot edit them: 404" equals "$(get "/notice-categories/$FEES/edit" -b "$(jar ward)")" 404
ok "the city admin can" equals "$(get "/notice-categories/$FEES/edit" -b "$(jar admin)")" 200
at=$(csrf_of admin "/notice-categories/$FEES/edit")
ok "a zero posting period is refused" equals "$(get "/notice-categories/$FEES" -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" --data-urlencode 'name_vi=Phí' --data-urlencode 'name_en=Fees' -d 'min_days=0' -d 'ch_web=1')" 400
ok "a change is saved" equals "$(get "/notice-categories/$FEES" -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" --data-urlencode 'name_vi=Phí, lệ phí' --data-urlencode 'name_en=Fees' -d 'min_days=45' -d 'law_item=12' -d 'active=1' -d 'ch_web=1' -d 'days_web=1' -d 'due_web=0' -d 'ch_sms=1' -d 'days_sms=1' -d 'due_sms=2')" 303
get /api/v1/notice-categories >/dev/null
ok "and shows" grep -q '"name":"Phí, lệ phí","name_vi":"Phí, lệ phí","name_en":"Fees","min_days":45' "$T_DIR/body"

# ---------------------------------------------------------------- dashboard
ok "the officer's page lists what needs doing" equals "$(get /me -b "$(jar ward)")" 200
ok "(overdue duties of the demo's notices first, one line with their count)" sh -c "grep -q '<ul class=\"todo\"><li class=\"overdue\"><a href=\"/me/notices\">[0-9]* việc công khai thông tin quá hạn' '$T_DIR/body'"
ok "(and the queue of reports)" contains "$T_DIR/body" 'href="/reports/queue'
ok "the notices' own list" equals "$(get /me/notices -b "$(jar ward)")" 200
ok "(names each overdue duty)" contains "$T_DIR/body" 'class="overdue"'
ok "a resident has no such list: 404" equals "$(get /me/notices -b "$(jar res)")" 404
ok "nor a visitor: to the sign-in" equals "$(get /me/notices)" 303
ok "the household's page lists its notices" equals "$(get /me -b "$(jar res)")" 200
ok "(this one, known)" contains "$T_DIR/body" "/notices/$N\""

ok "the audit chain holds" "$DANVAN_BIN" verify --db "$DB"
