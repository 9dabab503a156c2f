#!/bin/bash
# Citizen reports and the People's Inspection Board against the real
# binary: reporting without JavaScript (a multipart form with a photo,
# anonymous, CSRF, refusals that keep what was typed and write nothing),
# a private report that is "not found" for all but the police, the ward and
# its reporter on every page and API answer, the officers' queue and steps,
# the reporter's confirmation, rating and reopening, "tôi cũng gặp",
# redaction of text and photos with the original kept for the officers,
# statistics, the city administrator's pages, and the board: its public
# page, its cases, the authority's answers and the quarterly PDF (read
# with pdftotext, its QR code with zbarimg).
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 150 --seed 7 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
for who in admin ward resident member police inspector; do
	ok "$who@demo logs in" equals "$(login_as $who $who@demo)" 303
done
ok "a neighbor logs in" equals "$(login_as nb nguoidan1@demo)" 303
json() { python3 -c "import json,sys; j=json.load(open('$T_DIR/body')); v=($1); print(v)"; }
get '/api/v1/units?q=tan%20dong%20hiep' >/dev/null
TDH=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Tân Đông Hiệp".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=dong%20tac' >/dev/null
DT=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Đông Tác".*/\1/p' "$T_DIR/body")
get /api/v1/report-categories >/dev/null
cat_id() { json "[c['id'] for c in j['categories'] if c['code'] == '$1'][0]"; }
POTHOLE=$(cat_id pothole)
SECURITY=$(cat_id security)
FLOODING=$(cat_id flooding)
ok "the categories: eleven, with the flooding question" equals "$(json "len(j['categories']), [q['code'] for q in j['categories'][3]['questions']]")" "(11, ['depth'])"

# ------------------------------------------------------------- the public
ok "the list is public" equals "$(get "/reports?unit=$TDH")" 200
ok "(the demo's reports, overdue ones shown as such)" sh -c "grep -q 'class=\"overdue\"' '$T_DIR/body' && grep -q 'Quá hạn' '$T_DIR/body'"
ok "a bad status: 400" equals "$(get '/reports?status=done')" 400
ok "a unit that is no number: 400" equals "$(get '/reports?unit=abc')" 400
ok "no private report in the public list" equals "$(get /api/v1/reports?limit=200)" 200
ok "(none of security or social evils)" equals "$(json "sum(1 for r in j['reports'] if r['category']['private'])")" 0
ok "the unit's home sums them up" equals "$(get "/units/$TDH")" 200
ok "(with the board's link)" sh -c "grep -q 'Phản ánh của người dân' '$T_DIR/body' && grep -q '/units/$TDH/inspection' '$T_DIR/body'"
ok "the kinds to choose from" equals "$(get "/reports/new?unit=$DT")" 200
ok "(a link per kind, the community kept)" equals "$(grep -o "href=\"/reports/new?unit=$DT&amp;category=[0-9]*\"" "$T_DIR/body" | wc -l)" 11
ok "the form for a kind" equals "$(get "/reports/new?unit=$DT&category=$FLOODING" -c "$(jar anon)" -b "$(jar anon)")" 200
ok "(multipart, the community chosen, the question, photos, a phone, no inline script)" sh -c "grep -q 'enctype=\"multipart/form-data\"' '$T_DIR/body' && grep -q 'value=\"$DT\" selected' '$T_DIR/body' && grep -q 'name=\"attribute\[depth\]\"' '$T_DIR/body' && grep -q 'name=\"photos\"[^>]* multiple' '$T_DIR/body' && grep -q 'name=\"phone\"' '$T_DIR/body' && grep -q '<script src=\"/static/report\.[0-9a-f]*\.js\" defer></script>' '$T_DIR/body' && ! grep -q '<script>' '$T_DIR/body'"
SCRIPT=$(grep -o '/static/report\.[0-9a-f]*\.js' "$T_DIR/body")
CSRF=$(grep -o 'name="csrf" value="[^"]*"' "$T_DIR/body" | head -1 | sed 's/.*value="//;s/"$//')
ok "the script is served from /static" equals "$(get "$SCRIPT")" 200
ok "(as JavaScript, for a year)" sh -c "grep -qi 'content-type: text/javascript' '$T_DIR/head' && grep -qi 'immutable' '$T_DIR/head'"
ok "a kind that is no number: 400" equals "$(get '/reports/new?category=abc')" 400
ok "a kind that does not exist: 404" equals "$(get '/reports/new?category=999')" 404

# ---------------------------------------------------- reporting, no script
vips black "$T_DIR/photo.jpg" 120 90 --bands 3 >/dev/null 2>&1
exiftool -q -overwrite_original -GPSLatitude=10.9 -GPSLatitudeRef=N -GPSLongitude=106.77 \
	-GPSLongitudeRef=E "$T_DIR/photo.jpg" >/dev/null 2>&1 || true
anon() { get /reports -c "$(jar anon)" -b "$(jar anon)" -X POST -F "csrf=$CSRF" "$@"; }
FORM=(-F "category=$FLOODING" -F "unit=$DT" -F 'address=Hẻm 9, đường Đông Tác' -F 'lat=10.9061' -F 'long=106.7706' -F 'attribute[depth]=knee' -F 'phone=0912345678')
before=$(get /api/v1/reports?limit=1 >/dev/null; json "j['reports'][0]['id']")
ok "without the CSRF token: 403" equals "$(get /reports -b "$(jar anon)" -X POST -F "category=$FLOODING" -F "unit=$DT" -F description=x)" 403
ok "without a description: 400" equals "$(anon "${FORM[@]}" -F 'description=' -F "photos=@$T_DIR/photo.jpg")" 400
ok "(the form again, what was typed kept, the error at its field)" sh -c "grep -q 'Hẻm 9, đường Đông Tác' '$T_DIR/body' && grep -q 'id=\"e-description\"' '$T_DIR/body' && grep -q 'value=\"knee\" selected' '$T_DIR/body'"
ok "without a community: 400" equals "$(anon -F "category=$FLOODING" -F 'description=Ngập' -F 'address=x')" 400
ok "(named)" grep -q 'id="e-unit"' "$T_DIR/body"
ok "a latitude outside Vietnam: 400" equals "$(anon -F "category=$FLOODING" -F "unit=$DT" -F 'description=Ngập' -F 'lat=48.85' -F 'long=2.35')" 400
printf '%%PDF-1.4\n%%%%EOF\n' >"$T_DIR/not-a-photo.pdf"
ok "a PDF as a photo: 400" equals "$(anon "${FORM[@]}" -F 'description=Ngập' -F "photos=@$T_DIR/not-a-photo.pdf")" 400
ok "(named)" grep -q 'id="e-photos"' "$T_DIR/body"
ok "nothing was written" equals "$(get /api/v1/reports?limit=1 >/dev/null; json "j['reports'][0]['id']")" "$before"
ok "an anonymous report with a photo: 303 to its page" equals "$(anon "${FORM[@]}" --form-string 'description=Mưa là hẻm ngập tới đầu gối <b>nhà số 3</b>' -F "photos=@$T_DIR/photo.jpg")" 303
R=$(sed -n 's/^location: \/reports\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "its page is public" equals "$(get "/reports/$R")" 200
ok "(its text escaped, its status, its deadline, its handler)" sh -c "grep -q '&lt;b&gt;nhà số 3&lt;/b&gt;' '$T_DIR/body' && grep -q 'Đã gửi' '$T_DIR/body' && grep -q 'Hạn giải quyết' '$T_DIR/body' && grep -q 'Đội Quản lý trật tự đô thị phường Tân Đông Hiệp' '$T_DIR/body'"
ok "(the answer to its question, not its phone)" sh -c "grep -q 'Đến đầu gối' '$T_DIR/body' && ! grep -q '0912345678' '$T_DIR/body'"
PHOTO=$(grep -o "/reports/$R/photos/[0-9]*" "$T_DIR/body" | head -1)
ok "its photo is served" equals "$(get "$PHOTO")" 200
ok "(a JPEG without EXIF or GPS)" sh -c "grep -qi 'content-type: image/jpeg' '$T_DIR/head' && ! grep -q 'Exif' '$T_DIR/body' && ! grep -qa 'GPS' '$T_DIR/body'"
ok "and its thumbnail" equals "$(get "$PHOTO/thumb")" 200
ok "a photo of another report: 404" equals "$(get "/reports/1${PHOTO#/reports/$R}")" 404
ok "nor through /files" equals "$(get "/files/${PHOTO##*/}")" 404
get "/api/v1/reports/$R" >/dev/null
ok "the API: routed, due in working days, no phone for the public" equals "$(json "j['body']['kind'], j['status'], 'contact_phone' in j, j['answers']")" "('urban', 'submitted', False, {'depth': 'knee'})"
ok "the ward officer sees the phone" equals "$(get "/api/v1/reports/$R" -b "$(jar ward)" >/dev/null; json "j['contact_phone'], j['reporter']")" "('0912345678', '')"

# ------------------------------------------------------------- private
get "/reports/new?category=$SECURITY" -c "$(jar anon)" -b "$(jar anon)" >/dev/null
ok "a report to the police, anonymously: 200, not a redirect" equals "$(anon -F "category=$SECURITY" -F "unit=$DT" -F 'address=Dãy trọ 40' -F 'description=Có người lạ ra vào ban đêm')" 200
ok "(its number to quote, not published)" grep -q 'Phản ánh số' "$T_DIR/body"
P=$(grep -o 'số [0-9]*' "$T_DIR/body" | head -1 | grep -o '[0-9]*')
for who in anon resident member admin inspector nb; do
	ok "$who: its page is 404" equals "$(get "/reports/$P" -b "$(jar $who)")" 404
	ok "$who: its API answer is 404" equals "$(get "/api/v1/reports/$P" -b "$(jar $who)")" 404
done
ok "not in the API's list" equals "$(get "/api/v1/reports?unit=$TDH&limit=200" -b "$(jar admin)" >/dev/null; json "$P in [r['id'] for r in j['reports']]")" False
ok "not in the ward's public list" equals "$(get "/reports?unit=$TDH" >/dev/null; grep -c "/reports/$P\"" "$T_DIR/body")" 0
ok "the police see it" equals "$(get "/reports/$P" -b "$(jar police)")" 200
ok "(with their tools)" grep -q "action=\"/reports/$P/act\"" "$T_DIR/body"
ok "the ward's officer too" equals "$(get "/reports/$P" -b "$(jar ward)")" 200
ok "and its photo-less page says it is private" grep -q 'Riêng tư' "$T_DIR/body"
ok "the police's queue holds it" equals "$(get /reports/queue -b "$(jar police)")" 200
ok "(listed)" grep -q "/reports/$P\"" "$T_DIR/body"

# ------------------------------------------------------------- officers
wt=$(csrf_of ward "/reports/$R")
act() { get "/reports/$R/act" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" "$@"; }
ok "a resident cannot act: 403" equals "$(get "/reports/$R/act" -b "$(jar resident)" -X POST --data-urlencode "csrf=$(csrf_of resident /me)" -d action=acknowledge)" 403
ok "no CSRF: 403" equals "$(get "/reports/$R/act" -b "$(jar ward)" -X POST -d action=acknowledge)" 403
ok "an unknown action: 400" equals "$(act -d action=finish)" 400
ok "resolving without saying what was done: 400" equals "$(act -d action=resolve -d note=)" 400
ok "(named)" grep -q 'id="e-note"' "$T_DIR/body"
ok "acknowledged" equals "$(act -d action=acknowledge --data-urlencode 'note=Đã tiếp nhận')" 303
ok "twice: 409" equals "$(act -d action=acknowledge)" 409
ok "the urban team's officer works it too" equals "$(get "/reports/$R/act" -b "$(login_as urban dothi@demo >/dev/null; jar urban)" -X POST --data-urlencode "csrf=$(csrf_of urban "/reports/$R")" -d action=start)" 303
ok "resolved, with what was done" equals "$(act -d action=resolve --data-urlencode 'note=Đã nạo vét cống đầu hẻm.')" 303
get "/reports/$R" >/dev/null
ok "(the public history shows each step and the response)" sh -c "grep -q 'Đã nạo vét cống đầu hẻm.' '$T_DIR/body' && grep -q 'Đã xử lý xong' '$T_DIR/body'"
ok "redacting the text: 303" equals "$(get "/reports/$R/redact" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" --data-urlencode 'description=Mưa là hẻm ngập tới đầu gối.')" 303
ok "(the public reads the new text)" sh -c "curl -s http://127.0.0.1:$T_PORT/reports/$R | grep -q 'Mưa là hẻm ngập tới đầu gối.</p>' && ! curl -s http://127.0.0.1:$T_PORT/reports/$R | grep -q 'nhà số 3'"
ok "(the officer still reads what was written)" sh -c "curl -s -b '$(jar ward)' http://127.0.0.1:$T_PORT/reports/$R | grep -q 'nhà số 3'"
FID=${PHOTO##*/}
ok "a region outside the photo: 400" equals "$(get "$PHOTO/redact" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" -d x=80 -d y=0 -d w=40 -d h=10)" 400
ok "covering a region: 303" equals "$(get "$PHOTO/redact" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" -d x=10 -d y=10 -d w=40 -d h=30)" 303
get "/reports/$R" >/dev/null
ok "(the public sees another photo now)" sh -c "! grep -q '/photos/$FID\"' '$T_DIR/body' && grep -q '/reports/$R/photos/[0-9]*' '$T_DIR/body'"
ok "the original: the public is sent to log in" equals "$(get "$PHOTO/original")" 303
ok "a resident: 404" equals "$(get "$PHOTO/original" -b "$(jar resident)")" 404
ok "the officer: 200, kept private" equals "$(get "$PHOTO/original" -b "$(jar ward)")" 200
ok "(not to be cached)" grep -qi 'cache-control: private' "$T_DIR/head"
ok "the original photo as the public one: 404" equals "$(get "$PHOTO")" 404

# -------------------------------------------------------------- reporters
RT=$(api_token resident@demo)
apij() { get "$1" -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' "${@:2}"; }
ok "a resident reports through the API: 201" equals "$(apij /api/v1/reports -d "{\"category\":$POTHOLE,\"unit\":$DT,\"address\":\"Trước số 5 hẻm 15\",\"lat\":10.9061,\"long\":106.7706,\"description\":\"Ổ gà lớn\"}")" 201
M=$(json "j['id']")
ok "(theirs)" equals "$(json "j['mine'], j['status'], j['lat']")" "(True, 'submitted', 10.9061)"
ok "a wrong member type: 400" equals "$(apij /api/v1/reports -d "{\"category\":\"$POTHOLE\",\"unit\":$DT,\"description\":\"x\",\"address\":\"x\"}")" 400
ok "(named)" equals "$(json "j['error']['field']")" category
ok "confirming before it is resolved: 409" equals "$(apij "/api/v1/reports/$M/confirm" -X POST)" 409
WT=$(api_token ward@demo)
ok "the ward resolves it through the API" equals "$(get "/api/v1/reports/$M/act" -H "Authorization: Bearer $WT" -H 'Content-Type: application/json' -d '{"action":"resolve","note":"Đã vá."}')" 200
ok "another resident may not confirm: 403" equals "$(get "/api/v1/reports/$M/confirm" -X POST -H "Authorization: Bearer $(api_token nguoidan1@demo)")" 403
mt=$(csrf_of resident "/reports/$M")
ok "its page asks the reporter" sh -c "curl -s -b '$(jar resident)' http://127.0.0.1:$T_PORT/reports/$M | grep -q 'action=\"/reports/$M/confirm\"'"
ok "(and to rate it, each star labelled)" sh -c "curl -s -b '$(jar resident)' http://127.0.0.1:$T_PORT/reports/$M | grep -q 'id=\"rating5\" value=\"5\" checked><label for=\"rating5\">'"
ok "the reporter confirms" equals "$(get "/reports/$M/confirm" -b "$(jar resident)" -X POST --data-urlencode "csrf=$mt")" 303
ok "rating 6: 400" equals "$(get "/reports/$M/rate" -b "$(jar resident)" -X POST --data-urlencode "csrf=$mt" -d rating=6)" 400
ok "rating 5 with a comment" equals "$(get "/reports/$M/rate" -b "$(jar resident)" -X POST --data-urlencode "csrf=$mt" -d rating=5 --data-urlencode 'comment=Nhanh')" 303
ok "(closed and rated)" equals "$(get "/api/v1/reports/$M" >/dev/null; json "j['status'], j['rating'], j['rating_comment']")" "('closed', 5, 'Nhanh')"
ok "reopening without a reason: 400" equals "$(apij "/api/v1/reports/$M/reopen" -d '{"reason":""}')" 400
ok "reopened with one" equals "$(apij "/api/v1/reports/$M/reopen" -d '{"reason":"Lại lún rồi"}')" 200
ok "(reopened, once)" equals "$(json "j['status'], j['reopened']")" "('reopened', 1)"

# ------------------------------------------------------------- me too
ok "the reporter's household cannot say it too: 409" equals "$(get "/reports/$M/support" -b "$(jar member)" -X POST --data-urlencode "csrf=$(csrf_of member /me)")" 409
nt=$(csrf_of nb "/reports/$M")
ok "a neighbor's household can" equals "$(get "/reports/$M/support" -b "$(jar nb)" -X POST --data-urlencode "csrf=$nt")" 303
ok "once" equals "$(get "/api/v1/reports/$M/support" -X POST -H "Authorization: Bearer $(api_token nguoidan1@demo)")" 200
ok "(already; one household counted)" equals "$(json "j['already'], j['supporters']")" "(True, 1)"

# ------------------------------------------------------------- queue, stats
ok "the ward's queue" equals "$(get /reports/queue -b "$(jar ward)")" 200
ok "(overdue ones first)" sh -c "sed -n '/<ul class=\"items reports\">/,/<\/ul>/p' '$T_DIR/body' | grep -o '<li[^>]*>' | head -1 | grep -q overdue"
ok "a resident has no queue" equals "$(get /reports/queue -b "$(jar resident)")" 200
ok "(says so)" grep -q 'Bạn không xử lý phản ánh nào' "$T_DIR/body"
ok "my reports" equals "$(get /reports/mine -b "$(jar resident)")" 200
ok "(this one)" grep -q "/reports/$M\"" "$T_DIR/body"
ok "the statistics page" equals "$(get "/units/$TDH/reports/stats")" 200
ok "(a row per kind and the total)" sh -c "grep -q 'Tất cả các loại' '$T_DIR/body' && grep -q 'Ngập nước' '$T_DIR/body'"
ok "the statistics in the API" equals "$(get "/api/v1/units/$TDH/report-stats")" 200
ok "(counted, on time as a percentage)" equals "$(json "j['total']['received'] > 0 and 0 <= j['total']['on_time_percent'] <= 100")" True
ok "a year that is none: 400" equals "$(get "/api/v1/units/$TDH/report-stats?year=1999")" 400

# ----------------------------------------------------- the administrator
ok "categories: the city administrator" equals "$(get /report-categories -b "$(jar admin)")" 200
ok "not a ward officer: 404" equals "$(get /report-categories -b "$(jar ward)")" 404
at=$(csrf_of admin "/report-categories/$POTHOLE/edit")
ok "a bad code: 400, kept" equals "$(get "/report-categories/$POTHOLE" -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" -d 'code=Ổ gà' -d name_vi=X -d name_en=X -d ack_days=1 -d resolve_days=10 -d active=1)" 400
ok "(named)" grep -q 'id="e-code"' "$T_DIR/body"
ok "seven working days to resolve potholes" equals "$(get "/report-categories/$POTHOLE" -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" -d code=pothole --data-urlencode 'name_vi=Ổ gà, hư hỏng mặt đường' -d 'name_en=Potholes' -d ack_days=1 -d resolve_days=7 -d active=1 -d 'questions=')" 303
ok "(the API says so)" equals "$(get /api/v1/report-categories >/dev/null; json "[c['resolve_days'] for c in j['categories'] if c['code'] == 'pothole'][0]")" 7
ok "bodies and routing: the ward officer" equals "$(get /report-bodies -b "$(jar ward)")" 200
URBAN=$(grep -o 'action="/report-bodies/[0-9]*/officers"' "$T_DIR/body" | head -1 | grep -o '[0-9]*')
ok "(it staffs its ward's bodies, not the city's)" equals "$(grep -o 'action="/report-bodies/[0-9]*/officers"' "$T_DIR/body" | wc -l)" 2
ok "a resident: 404" equals "$(get /report-bodies -b "$(jar resident)")" 404
bt=$(csrf_of ward /report-bodies)
ok "an unknown login: 400" equals "$(get "/report-bodies/$URBAN/officers" -b "$(jar ward)" -X POST --data-urlencode "csrf=$bt" -d login=nobody@demo)" 400

# -------------------------------------------------------------- the board
ok "the board's page is public" equals "$(get "/units/$TDH/inspection")" 200
ok "(constituted, its members and the rules, its cases)" sh -c "grep -q 'Đã thành lập' '$T_DIR/body' && grep -q 'Trưởng ban' '$T_DIR/body' && grep -q 'Ít nhất 5 thành viên' '$T_DIR/body' && grep -q '/inspection-cases/' '$T_DIR/body'"
ok "a neighborhood has no board: 404" equals "$(get "/units/$DT/inspection")" 404
get "/api/v1/units/$TDH/inspection" >/dev/null
ok "the API: active, seven communities each with a member, three cases" equals "$(json "j['status'], len(j['communities']), all(c['members'] >= 1 for c in j['communities']), len(j['cases']), j['rules']")" "('active', 7, True, 3, {'members_min': 5, 'per_community': 1})"
COMPLAINT=$(json "[c['id'] for c in j['cases'] if c['source'] == 'complaint'][0]")
ok "(no complainant for the public)" equals "$(json "any('complainant' in c for c in j['cases'])")" False
ok "a complaint's case is public" equals "$(get "/inspection-cases/$COMPLAINT")" 200
ok "(without its complainant)" sh -c "! grep -q 'Một hộ kinh doanh' '$T_DIR/body' && grep -q 'Tiếp thu' '$T_DIR/body'"
ok "the ward's officer sees the complainant" sh -c "curl -s -b '$(jar ward)' http://127.0.0.1:$T_PORT/inspection-cases/$COMPLAINT | grep -q 'Một hộ kinh doanh'"
ok "constituting again: 409" equals "$(get "/units/$TDH/inspection/constitute" -b "$(jar ward)" -X POST --data-urlencode "csrf=$(csrf_of ward "/units/$TDH/inspection")")" 409
it=$(csrf_of inspector "/units/$TDH/inspection")
ok "a ward officer cannot open a case: 403" equals "$(get "/units/$TDH/inspection/cases" -b "$(jar ward)" -X POST --data-urlencode "csrf=$(csrf_of ward "/units/$TDH/inspection")" -d source=own -d title=X -d subject=Y)" 403
ok "the board opens one from a report" equals "$(get "/units/$TDH/inspection/cases" -b "$(jar inspector)" -X POST --data-urlencode "csrf=$it" -d source=report -d "report=$R" --data-urlencode 'title=Ngập hẻm 9' --data-urlencode 'subject=Việc xử lý phản ánh ngập hẻm 9')" 303
C=$(sed -n 's/^location: \/inspection-cases\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "a case from a report of another ward: 400" equals "$(get "/units/$TDH/inspection/cases" -b "$(jar inspector)" -X POST --data-urlencode "csrf=$it" -d source=report -d report=999999 -d title=X -d subject=Y)" 400
ct=$(csrf_of inspector "/inspection-cases/$C")
ok "a finding" equals "$(get "/inspection-cases/$C/entries" -b "$(jar inspector)" -X POST --data-urlencode "csrf=$ct" -d kind=finding --data-urlencode 'text=Cống đầu hẻm bị tắc.')" 303
ok "a finding in the future: 400" equals "$(get "/inspection-cases/$C/entries" -b "$(jar inspector)" -X POST --data-urlencode "csrf=$ct" -d kind=finding -d text=x -d "on_date=$(vn_day 3)")" 400
ok "a recommendation" equals "$(get "/inspection-cases/$C/recommendations" -b "$(jar inspector)" -X POST --data-urlencode "csrf=$ct" --data-urlencode 'recommendation=Đề nghị nạo vét cống trong tuần.')" 303
get "/api/v1/inspection-cases/$C" >/dev/null
REC=$(json "j['recommendations'][0]['id']")
ok "(due in fifteen days)" equals "$(json "j['recommendations'][0]['due'], j['recommendations'][0]['outcome']")" "('$(vn_day 15)', None)"
ok "the board cannot answer itself: 403" equals "$(get "/inspection-recommendations/$REC/answer" -b "$(jar inspector)" -X POST --data-urlencode "csrf=$ct" -d outcome=accepted -d answer=x)" 403
wt2=$(csrf_of ward "/inspection-cases/$C")
ok "the authority answers" equals "$(get "/inspection-recommendations/$REC/answer" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt2" -d outcome=accepted --data-urlencode 'answer=Đã nạo vét ngày hôm qua.')" 303
ok "(publicly)" sh -c "curl -s http://127.0.0.1:$T_PORT/inspection-cases/$C | grep -q 'Đã nạo vét ngày hôm qua.'"

# the quarterly report
Y=$(TZ=Asia/Ho_Chi_Minh date +%Y)
Q=$(( ($(TZ=Asia/Ho_Chi_Minh date +%-m) - 1) / 3 + 1 ))
ok "the quarterly report: a PDF" equals "$(get "/units/$TDH/inspection/report.pdf?quarter=$Y-$Q")" 200
ok "(application/pdf)" grep -qi '^content-type: application/pdf' "$T_DIR/head"
cp "$T_DIR/body" "$T_DIR/q.pdf"
pdftotext -layout "$T_DIR/q.pdf" "$T_DIR/q.txt"
ok "(the board, the quarter, the reports' figures, the new case and its answer)" sh -c "grep -q 'BAN THANH TRA NHÂN DÂN' '$T_DIR/q.txt' && grep -q 'Quý $Q năm $Y' '$T_DIR/q.txt' && grep -q 'Tất cả các loại' '$T_DIR/q.txt' && grep -q 'Ngập hẻm 9' '$T_DIR/q.txt' && grep -q 'Đã nạo vét ngày hôm qua.' '$T_DIR/q.txt'"
ok "(no complainant in it)" sh -c "! grep -q 'Một hộ kinh doanh' '$T_DIR/q.txt'"
pdftoppm -r 150 -png "$T_DIR/q.pdf" "$T_DIR/qpage"
ok "(its QR code leads to the board's page)" sh -c "zbarimg -q --raw $T_DIR/qpage-*.png | grep -q '/units/$TDH/inspection$'"
ok "a quarter that is none: 400" equals "$(get "/units/$TDH/inspection/report.pdf?quarter=$Y-5")" 400
echo "# $T_N checks"
