#!/bin/bash
# Comments on drafts (Art. 25-26) against the real binary: an officer opens a
# draft, residents comment per part on the site and through the API, the
# youth union sends a collective opinion, an opinion from the suggestion box
# is recorded; the refusals (no CSRF, another ward, a resident answering,
# bad input, after the deadline); the answers, the synthesis as a page, a
# PDF read by pdftotext and a workbook read by Python's zipfile.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 80 --seed 5 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
for who in ward org; do
	ok "$who logs in" equals "$(login_as $who $who@demo)" 303
done
ok "resident@demo logs in" equals "$(login_as res resident@demo)" 303
get '/api/v1/units?q=tan%20dong%20hiep' >/dev/null
TDH=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Tân Đông Hiệp".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=binh%20an' >/dev/null
BA=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Bình An".*/\1/p' "$T_DIR/body")
printf 'mat-khau-2\n' | "$DANVAN_BIN" user add wardba@demo --name "Cán bộ phường Bình An" --db "$DB" >/dev/null
"$DANVAN_BIN" user grant wardba@demo ward_officer "$BA" --db "$DB" >/dev/null
ok "an officer of another ward logs in" equals "$(login_as other wardba@demo mat-khau-2)" 303

# the demo's: one open, one published
ok "the list is public" equals "$(get "/consultations?unit=$TDH")" 200
ok "(with the demo's two)" sh -c "grep -q 'Dự thảo Quy chế thực hiện dân chủ' '$T_DIR/body' && grep -q 'Kế hoạch phát triển kinh tế' '$T_DIR/body'"
get "/api/v1/consultations?q=quy%20che%20dan%20chu" >/dev/null
ok "search without accents finds the regulation only" equals "$(json 'j.consultations.map(c=>c.kind).join()')" "regulation"
get "/api/v1/consultations?q=b%C3%AA%20t%C3%B4ng%2012%20h%E1%BA%BBm&unit=$TDH" >/dev/null
ok "words of the text find the plan" equals "$(json 'j.consultations.map(c=>c.kind).join()')" "plan"
get "/api/v1/consultations?q=%22%20OR%20*" >/dev/null
ok "query syntax finds nothing and breaks nothing" equals "$(json 'j.consultations.length')" 0
ok "the list page searches too" equals "$(get "/consultations?q=ke%20hoach%202027")" 200
ok "(the plan, not the regulation)" sh -c "grep -q 'Kế hoạch phát triển' '$T_DIR/body' && ! grep -q 'Dự thảo Quy chế' '$T_DIR/body'"
get "/api/v1/consultations?unit=$TDH&status=published" >/dev/null
PUB=$(json 'j.consultations[0].id')
ok "the published synthesis is public" equals "$(get "/consultations/$PUB/synthesis")" 200
ok "(with the answers and their reasons)" contains "$T_DIR/body" "Hộ nghèo được miễn đóng góp"

# a new draft
wt=$(csrf_of ward "/units/$TDH/consultations/new")
wpost() { get "$1" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" "${@:2}"; }
BODY=$'Dự án nâng cấp đường Đông Tác.\n\n## Điều 1. Phạm vi\nNâng cấp 800 m đường.\n\n## Điều 2. Kinh phí\nNgân sách phường 3 tỷ đồng.\n\n## Điều 3. Thời gian\nThi công trong sáu tháng.'
ok "a resident cannot open the form: 404" equals "$(get "/units/$TDH/consultations/new" -b "$(jar res)")" 404
ok "no CSRF token: 403" equals "$(get "/units/$TDH/consultations" -b "$(jar ward)" -X POST -d kind=project -d title=X -d body=Y)" 403
ok "without a title: 400, what was typed kept" equals "$(wpost "/units/$TDH/consultations" -d kind=project -d title= --data-urlencode "body=$BODY")" 400
ok "(the draft is still in the form)" contains "$T_DIR/body" "Nâng cấp 800 m đường."
ok "malformed UTF-8: 400" equals "$(wpost "/units/$TDH/consultations" -d kind=project --data-urlencode $'title=\xc3\x28' -d body=x)" 400
ok "an officer of another ward: 404" equals "$(get "/units/$TDH/consultations" -b "$(jar other)" -X POST --data-urlencode "csrf=$(csrf_of other /me)" -d kind=project -d title=X -d body=Y)" 404
ok "the draft is saved" equals "$(wpost "/units/$TDH/consultations" -d kind=project --data-urlencode 'title=Dự án nâng cấp đường Đông Tác' --data-urlencode "body=$BODY")" 303
C=$(sed -n 's/^location: \/consultations\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "a draft is not public" equals "$(get "/consultations/$C")" 404
ok "nor in the API" equals "$(get "/api/v1/consultations/$C")" 404
ok "the officer sees its parts" equals "$(get "/consultations/$C" -b "$(jar ward)")" 200
ok "(split at its articles)" sh -c "grep -q 'Điều 1. Phạm vi' '$T_DIR/body' && grep -q 'Điều 3. Thời gian' '$T_DIR/body'"
ok "a resident cannot comment on a draft" equals "$(get "/consultations/$C/opinions" -b "$(jar res)" -X POST --data-urlencode "csrf=$(csrf_of res /me)" -d section=1 -d stance=support -d text=x)" 404
ok "closing in the past: refused" equals "$(wpost "/consultations/$C/open" -d closes_on=2020-01-01 -d closes_time=17:00)" 400
ok "opened for comments" equals "$(wpost "/consultations/$C/open" -d "closes_on=$(TZ=Asia/Ho_Chi_Minh date -d '+10 days' +%F)" -d closes_time=17:00)" 303
told_consult() { curl -s -b "$(jar res)" "http://127.0.0.1:$T_PORT/api/v1/me/notifications" | grep -q "\"url\":\"[^\"]*/consultations/$C\""; }
ok "the ward's residents are told in the app" within 10 told_consult
ok "(asking for their comments)" sh -c "curl -s -b '$(jar res)' http://127.0.0.1:$T_PORT/api/v1/me/notifications | grep -q 'xin ý kiến của bạn: Dự án nâng cấp đường Đông Tác'"
ok "the draft cannot change any more" equals "$(wpost "/consultations/$C" -d kind=project -d title=Khác -d body=Khác)" 404
get "/api/v1/consultations/$C" >/dev/null
ok "public in the API, with four parts and the whole" equals "$(json '[j.status, j.sections.length, j.sections[2].heading].join()')" "open,5,Điều 1. Phạm vi"

# comments
rt=$(csrf_of res "/consultations/$C")
rpost() { get "$1" -b "$(jar res)" -X POST --data-urlencode "csrf=$rt" "${@:2}"; }
get "/consultations/$C" -b "$(jar res)" >/dev/null
ok "a comment form for each part and one for the whole" equals "$(grep -o '<details class="comment">' "$T_DIR/body" | wc -l)" 5
ok "(its text field takes 4000 characters)" contains "$T_DIR/body" 'name="text" rows="4" required maxlength="4000"' 
ok "a resident comments on Điều 2" equals "$(rpost "/consultations/$C/opinions" -d section=3 -d stance=oppose --data-urlencode 'text=3 tỷ là quá cao, nên làm từng đoạn.')" 303
ok "no stance: 400" equals "$(rpost "/consultations/$C/opinions" -d section=3 -d stance= -d text=x)" 400
ok "no text: 400" equals "$(rpost "/consultations/$C/opinions" -d section=3 -d stance=support -d text=)" 400
ok "a part that does not exist: 400" equals "$(rpost "/consultations/$C/opinions" -d section=9 -d stance=support -d text=x)" 400
ok "a section that is not a number: 400" equals "$(rpost "/consultations/$C/opinions" -d section=hai -d stance=support -d text=x)" 400
ok "a text past 4000 characters: 400" equals "$(rpost "/consultations/$C/opinions" -d section=1 -d stance=support --data-urlencode "text=$(head -c 4001 /dev/zero | tr '\0' a)")" 400
ok "a resident cannot speak for an organization" equals "$(rpost "/consultations/$C/opinions" -d section=0 -d stance=support -d text=x -d collective=1)" 403
ok "nor record an opinion from the box" equals "$(rpost "/consultations/$C/opinions" -d section=0 -d stance=support -d text=x -d channel=box -d author=Tám)" 403
TOKEN=$(api_token resident@demo)
ok "a comment through the API" equals "$(get "/api/v1/consultations/$C/opinions" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"section":0,"stance":"support","text":"Ủng hộ, cần làm sớm."}')" 201
ok "a wrong type in the API: 400" equals "$(get "/api/v1/consultations/$C/opinions" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"section":"0","stance":"support","text":"x"}')" 400
ok "the youth union's collective opinion" equals "$(get "/consultations/$C/opinions" -b "$(jar org)" -X POST --data-urlencode "csrf=$(csrf_of org /me)" -d section=0 -d stance=other -d collective=1 --data-urlencode 'text=Đề nghị bố trí đèn chiếu sáng.')" 303
ok "the officer records one from the suggestion box" equals "$(wpost "/consultations/$C/opinions" -d section=4 -d stance=support -d channel=box --data-urlencode 'author=Ông Lê Văn Tám, tổ 5' --data-urlencode 'text=Nên thi công vào mùa khô.')" 303
ok "without who gave it: 400" equals "$(wpost "/consultations/$C/opinions" -d section=4 -d stance=support -d channel=box -d author= -d text=x)" 400
get "/api/v1/consultations/$C/opinions" >/dev/null
ok "four opinions, the public sees no names" equals "$(json '[j.opinions.length, j.opinions.every(o=>o.author===null)].join()')" "4,true"
ok "(the box's opinion names the box, not Ông Tám)" sh -c "! grep -q 'Tám' '$T_DIR/body' && grep -q 'Hòm thư góp ý' '$T_DIR/body'"
ok "(the collective one names the youth union)" contains "$T_DIR/body" "Đoàn phường Tân Đông Hiệp"
get "/api/v1/consultations/$C/opinions" -b "$(jar ward)" >/dev/null
ok "the officer sees who" contains "$T_DIR/body" "Ông Lê Văn Tám, tổ 5"
get "/api/v1/consultations/$C" >/dev/null
ok "the counts per part" equals "$(json '[j.opinions, j.sections[3].counts.oppose, j.sections[0].counts.opinions, j.sections[0].counts.collective].join()')" "4,1,2,1"
ok "no answers while open" equals "$(get "/opinions/1/answer" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" -d answer=accepted)" 409
ok "the synthesis waits" equals "$(get "/consultations/$C/synthesis")" 404

# after the deadline: answered, published
# the deadline moved into the past behind the program's back
SQL="UPDATE consultation SET opened_at = opened_at - 7200, closes_at = opened_at - 3600 WHERE id = $C"
case $DB in
sqlite:*) sqlite3 "${DB#sqlite:}" "$SQL" ;;
*) psql -q "$DB" -c "$SQL" >/dev/null ;;
esac
ok "after the deadline nobody comments" equals "$(rpost "/consultations/$C/opinions" -d section=1 -d stance=support -d text=muộn)" 409
get "/api/v1/consultations/$C/opinions" -b "$(jar ward)" >/dev/null
IDS=$(json 'j.opinions.map(o=>o.id).join(" ")')
FIRST=${IDS%% *}
get "/consultations/$C" -b "$(jar ward)" >/dev/null
ok "the officer's page has an answer form for each opinion" equals "$(grep -o '<select id="a[0-9]*" name="answer">' "$T_DIR/body" | sort -u | wc -l)" 4
ok "a resident cannot answer: 403" equals "$(rpost "/opinions/$FIRST/answer" -d answer=accepted)" 403
ok "an officer of another ward cannot either" equals "$(get "/opinions/$FIRST/answer" -b "$(jar other)" -X POST --data-urlencode "csrf=$(csrf_of other /me)" -d answer=accepted)" 403
ok "not accepted without a reason: 400" equals "$(wpost "/opinions/$FIRST/answer" -d answer=rejected -d reason=)" 400
ok "an unknown answer: 400" equals "$(wpost "/opinions/$FIRST/answer" -d answer=maybe)" 400
ok "an unknown opinion: 404" equals "$(wpost "/opinions/999999/answer" -d answer=accepted)" 404
ok "publishing with opinions unanswered: 409" equals "$(wpost "/consultations/$C/publish" --data-urlencode 'summary=Tiếp thu.')" 409
for o in $IDS; do
	wpost "/opinions/$o/answer" -d answer=partly --data-urlencode "reason=Làm theo hai giai đoạn, ý kiến số $o." >/dev/null
done
TOKEN_W=$(api_token ward@demo)
ok "an answer through the API" equals "$(get "/api/v1/opinions/$FIRST/answer" -H "Authorization: Bearer $TOKEN_W" -H 'Content-Type: application/json' -d '{"answer":"accepted","reason":""}')" 200
get "/api/v1/consultations/$C/opinions" >/dev/null
ok "answers are not public before the synthesis" lacks "$T_DIR/body" "hai giai đoạn"
ok "the officer previews the synthesis" equals "$(get "/consultations/$C/synthesis" -b "$(jar ward)")" 200
ok "the PDF for signing" equals "$(get "/consultations/$C/synthesis.pdf" -b "$(jar ward)")" 200
pdftotext -layout "$T_DIR/body" "$T_DIR/synth.txt"
ok "(read by pdftotext: the title, a part, an opinion, an answer)" sh -c "grep -q 'BÁO CÁO TỔNG HỢP Ý KIẾN' '$T_DIR/synth.txt' && grep -q 'Điều 2. Kinh phí' '$T_DIR/synth.txt' && grep -q 'nên làm từng đoạn' '$T_DIR/synth.txt' && grep -q 'hai giai đoạn' '$T_DIR/synth.txt'"
ok "the workbook" equals "$(get "/consultations/$C/synthesis.xlsx" -b "$(jar ward)")" 200
cp "$T_DIR/body" "$T_DIR/synth.xlsx"
ok "(opened by Python's zipfile: the opinions' sheet holds the texts)" python3 -c "
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = z.read('xl/sharedStrings.xml').decode()
book = z.read('xl/workbook.xml').decode()
assert 'Ý kiến' in book, book
assert '3 tỷ là quá cao' in strings and 'Hòm thư góp ý' in strings
" "$T_DIR/synth.xlsx"
ok "publishing without a conclusion: 400" equals "$(wpost "/consultations/$C/publish" -d summary=)" 400
ok "published" equals "$(wpost "/consultations/$C/publish" --data-urlencode 'summary=Tiếp thu, chia dự án làm hai giai đoạn.')" 303
ok "answers cannot change after" equals "$(wpost "/opinions/$FIRST/answer" -d answer=rejected -d reason=x)" 409
ok "the synthesis is public" equals "$(get "/consultations/$C/synthesis")" 200
ok "(with the conclusion and the answers)" sh -c "grep -q 'chia dự án làm hai giai đoạn' '$T_DIR/body' && grep -q 'hai giai đoạn, ý kiến số' '$T_DIR/body'"
get "/api/v1/consultations/$C" >/dev/null
ok "in the API: published, every opinion answered" equals "$(json '[j.status, j.opinions, j.answered, j.sections[3].counts.partly].join()')" "published,4,4,1"
ok "the public PDF" equals "$(get "/consultations/$C/synthesis.pdf")" 200
ok "the public workbook" equals "$(get "/consultations/$C/synthesis.xlsx")" 200
cp "$T_DIR/body" "$T_DIR/public.xlsx"
ok "(holds the conclusion)" python3 -c "
import sys, zipfile
assert 'chia dự án làm hai giai đoạn' in zipfile.ZipFile(sys.argv[1]).read('xl/sharedStrings.xml').decode()
" "$T_DIR/public.xlsx"
ok "in English too" equals "$(get "/consultations/$C/synthesis.pdf" -H 'Cookie: lang=en')" 200
ok "the audit chain holds" "$DANVAN_BIN" verify --db "$DB"
