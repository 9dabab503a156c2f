#!/bin/bash
# Plans, periodic reports and the year-end review against the real binary:
# the demo's plans of Dĩ An with their tasks, the quarterly reports of 2022
# consolidated (sums, shares recomputed from summed counts, the late ward
# flagged), the 2022 review published and frozen (every change refused, its
# hash kept), its conference recorded from the review's form (the
# messages next to the fields, nothing changed on a refusal), a review of
# this year whose figures equal what the modules' own API answers, the PDF
# read by pdftotext with every part and its figures, the workbooks read by
# Python's zipfile, /me's to-do line of overdue tasks, an indicator's value
# entered with its evidence and a periodic report saved and sent through
# the API, and bad input refused with nothing written (malformed UTF-8,
# another ward's units, no CSRF token).
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 600 --seed 3 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
for who in board ward; do
	ok "$who logs in" equals "$(login_as $who $who@demo)" 303
done
get '/api/v1/units?q=di%20an' >/dev/null
CITY=$(sed -n 's/.*"id":\([0-9]*\),"kind":"city","name":"Dĩ An".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=tan%20dong%20hiep' >/dev/null
TDH=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Tân Đông Hiệp".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=binh%20an' >/dev/null
BA=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Bình An".*/\1/p' "$T_DIR/body")
printf 'mat-khau-2\n' | "$DANVAN_BIN" user add wardba@demo --name "Cán bộ phường Bình An" --db "$DB" >/dev/null
"$DANVAN_BIN" user grant wardba@demo ward_officer "$BA" --db "$DB" >/dev/null
ok "an officer of another ward logs in" equals "$(login_as other wardba@demo mat-khau-2)" 303
BOARD=$(api_token board@demo)
OTHER=$(api_token wardba@demo mat-khau-2)
YEAR=$(TZ=Asia/Ho_Chi_Minh date +%Y)
api() { # api TOKEN METHOD PATH [BODY]
	curl -s -o "$T_DIR/body" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" \
		-H 'Content-Type: application/json' ${4:+--data-binary "$4"} "http://127.0.0.1:$T_PORT$3"
}

# ------------------------------------------------------------- the plans
ok "the city's plans of 2022" equals "$(get "/api/v1/units/$CITY/plans?year=2022")" 200
ok "(the city's and the seven wards', adopted)" equals \
	"$(json '[j.plans.length, j.plans.every(p=>p.status=="adopted")].join()')" "8,true"
P22=$(json "j.plans.find(p=>p.unit.id==$CITY).id")
ok "the city's 2022 plan" equals "$(get "/api/v1/plans/$P22")" 200
ok "(its indicators with targets; reach 90%, a share as two counts)" equals \
	"$(json '(()=>{const i=j.indicators.find(x=>x.code=="reach");return [j.indicators.length, i.target, i.measure, typeof i.value.num, typeof i.value.den].join()})()')" \
	"6,900,percent,number,number"
ok "(14 tasks: the seven wards and their Front committees; one not done)" equals \
	"$(json '[j.task_list.length, j.task_list.filter(t=>t.assignee.organization).length, j.task_list.filter(t=>t.status!="done").length].join()')" "14,7,1"
ok "a ward's plan derived from it" equals \
	"$(get "/api/v1/units/$TDH/plans?year=2022")" 200
ok "(derived from the city's)" equals "$(json "j.plans.find(p=>p.unit.id==$TDH).parent")" "$P22"
ok "the plan's page" equals "$(get "/plans/$P22")" 200
ok "(Vietnamese, with its tasks)" contains "$T_DIR/body" "Tổ chức đối thoại giữa người đứng đầu"
ok "a unit's plans" equals "$(get "/units/$CITY/plans")" 200

# ------------------------------------------------------ the consolidation
T=$(q "SELECT id FROM periodic_template ORDER BY id LIMIT 1")
ok "the consolidation of 2022" equals \
	"$(api "$BOARD" GET "/api/v1/plans/periodic/$T/consolidation?year=2022")" 200
ok "(seven wards, four quarters each: 27 on time, one late, none missing)" equals \
	"$(json '[j.rows.length, j.states.on_time, j.states.late, j.states.missing].join()')" "7,27,1,0"
ok "(the late ward is flagged on its row)" equals \
	"$(json 'j.rows.filter(r=>r.states.late==1).length')" 1
ok "(an entered count: the total is the sum of the rows)" equals \
	"$(json '[j.total[2].value, j.rows.reduce((s,r)=>s+r.values[2].value,0)].join()')" \
	"$(json '[j.rows.reduce((s,r)=>s+r.values[2].value,0), j.total[2].value].join()')"
ok "(a share: summed counts, the rate recomputed from them, never averaged)" equals \
	"$(json '(()=>{const n=j.rows.reduce((s,r)=>s+r.values[3].num,0), d=j.rows.reduce((s,r)=>s+r.values[3].den,0);return [j.total[3].num==n, j.total[3].den==d, j.total[3].permille==Math.floor((n*1000*2+d)/(2*d))].join()})()')" \
	"true,true,true"
ok "(the texts side by side, one per ward)" equals \
	"$(json 'j.rows.every(r=>r.texts[0].includes("quý"))')" true
ok "one quarter" equals "$(api "$BOARD" GET "/api/v1/plans/periodic/$T/consolidation?year=2022&period=2")" 200
ok "(the second quarter's late report)" equals "$(json '[j.first, j.last, j.states.late, j.states.on_time].join()')" "2,2,1,6"
ok "the consolidation's page" equals \
	"$(get "/periodic/$T/consolidation?year=2022" -b "$(jar board)")" 200
ok "(late flagged)" contains "$T_DIR/body" "Trễ hạn"
ok "its workbook" equals \
	"$(get "/periodic/$T/consolidation.xlsx?year=2022" -b "$(jar board)")" 200
ok "(an XLSX with its three sheets)" equals \
	"$(python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(len([n for n in z.namelist() if n.startswith('xl/worksheets/sheet')]))" "$T_DIR/body")" 3
ok "not for another ward's officer" equals \
	"$(api "$OTHER" GET "/api/v1/plans/periodic/$T/consolidation?year=2022")" 403

# --------------------------------------------------- the published review
ok "the city's 2022 review, public" equals "$(get "/api/v1/units/$CITY/reviews/2022")" 200
R=$(json 'j.id')
HASH=$(json 'j.hash')
ok "(published with its hash, notice and article)" equals \
	"$(json '[j.status, j.hash.length, j.notice>0, j.article>0].join()')" "published,64,true,true"
ok "(the commendation: every award of the council's decision)" equals \
	"$(json '[j.lists.decision.length, j.lists.award.length, j.figures.awards].join()')" "1,54,54"
ok "(its conference, where every certificate was handed)" equals \
	"$(json '[j.conference.held_on, j.conference.awards.length].join()')" "2023-02-17,54"
DEC=$(json 'j.lists.decision[0].ref')
NOTICE=$(json 'j.notice')
AWARDS=$(json 'j.figures.awards')
TASKS=$(json '[j.figures.tasks, j.figures.tasks_done].join()')
ok "the decision's own API says as many" equals "$(get "/api/v1/award-decisions/$DEC")" 200
ok "(54 awards)" equals "$(json 'j.awards')" "$AWARDS"
ok "its notice is public" equals "$(get "/notices/$NOTICE")" 200
ok "(linking the report's PDF)" contains "$T_DIR/body" "/reviews/$R/review.pdf"
ok "frozen: the narrative cannot change" equals \
	"$(api "$BOARD" PATCH "/api/v1/reviews/$R" '{"parts":{"opening":"Khác"}}')" 409
ok "nor its figures be read again" equals "$(api "$BOARD" POST "/api/v1/reviews/$R/build")" 409
ok "nor can a new draft of its year be built" equals \
	"$(api "$BOARD" POST "/api/v1/units/$CITY/reviews" '{"year":2022}')" 409
ok "nor made final twice" equals "$(api "$BOARD" POST "/api/v1/reviews/$R/final" '{}')" 409
ok "(its hash is as it was)" equals "$(get "/api/v1/reviews/$R" >/dev/null; json 'j.hash')" "$HASH"
ok "its conference: an award the review does not list is refused" equals \
	"$(api "$BOARD" POST "/api/v1/reviews/$R/conference" '{"held_on":"17/02/2023","place":"Hội trường","participants":"Các đơn vị","agenda":"Tổng kết","awards":[999999]}')" 400
ok "(naming awards)" contains "$T_DIR/body" '"field":"awards"'
ok "(the conference as it was)" equals "$(get "/api/v1/reviews/$R" >/dev/null; json 'j.conference.awards.length')" 54
ok "its page" equals "$(get "/reviews/$R")" 200
ok "(with its conference)" contains "$T_DIR/body" "Hội trường Thành ủy Dĩ An"
ok "the unit's page links its PDF" equals "$(get "/units/$CITY")" 200
ok "(the review's PDF)" contains "$T_DIR/body" "/reviews/$R/review.pdf"

# ---------------------------------------------------------------- the PDF
ok "the PDF at the unit's address" equals "$(get "/units/$CITY/review/2022.pdf")" 200
ok "(a PDF)" grep -qi '^content-type: application/pdf' "$T_DIR/head"
pdftotext -layout "$T_DIR/body" "$T_DIR/review.txt"
for part in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
	"BAN DÂN VẬN THÀNH ỦY DĨ AN" "Công tác dân vận" "dân chủ ở cơ sở" \
	"Nhà nước và Nhân dân cùng làm" "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023" "phương hướng" \
	"THI ĐUA, KHEN THƯỞNG" "Quyết định số 389/QĐ-UBND" "Biểu đồ 1" "Bảng 1"; do
	ok "(the PDF says \"$part\")" grep -qF -- "$part" <(tr -s ' \n' ' ' <"$T_DIR/review.txt"; sed 's/ \+/ /g' "$T_DIR/review.txt")
done
ok "(its hash)" grep -qF "$HASH" <(tr -d ' \n' <"$T_DIR/review.txt")
ok "(and its figures: 54 certificates, the tasks done of those due)" equals \
	"$(tr -s ' \n' ' ' <"$T_DIR/review.txt" | grep -o 'Trong năm đã trao [0-9.]* giấy khen\|nhiệm vụ kế hoạch đến hạn, đã hoàn thành [0-9]*' | tr '\n' ';')" \
	"nhiệm vụ kế hoạch đến hạn, đã hoàn thành ${TASKS#*,};Trong năm đã trao $AWARDS giấy khen;"
ok "the same PDF by id" equals "$(get "/reviews/$R/review.pdf")" 200
ok "every figure as a workbook" equals "$(get "/reviews/$R/review.xlsx")" 200
ok "(an XLSX of three sheets)" equals \
	"$(python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(len([n for n in z.namelist() if n.startswith('xl/worksheets/sheet')]))" "$T_DIR/body")" 3

# --------------------------------------- the conference, from its form
ok "the review's page offers the board the conference's form" equals "$(get "/reviews/$R" -b "$(jar board)")" 200
ok "(posting to the review)" contains "$T_DIR/body" "action=\"/reviews/$R/conference\""
ok "(filled as recorded)" contains "$T_DIR/body" 'name="held_on" type="date" value="2023-02-17"'
ok "(every certificate the review lists ticked)" equals "$(grep -o 'name="award_[0-9]*" checked' "$T_DIR/body" | wc -l)" 54
ok "not to anonymous readers" equals "$(get "/reviews/$R")" 200
ok "(no form on the public page)" lacks "$T_DIR/body" 'action="/reviews/[0-9]*/conference"'
A1=$(q "SELECT ref FROM review_line WHERE review_id = $R AND kind = 'award' ORDER BY position LIMIT 1")
A2=$(q "SELECT ref FROM review_line WHERE review_id = $R AND kind = 'award' ORDER BY position LIMIT 1 OFFSET 1")
conf() { # conf HELD_ON [curl args...]: the board posts the conference's form
	local held=$1
	shift
	curl -s -o "$T_DIR/body" -w '%{http_code}' -b "$(jar board)" --data-urlencode "csrf=$(csrf_of board "/reviews/$R")" \
		--data-urlencode "held_on=$held" "$@" "http://127.0.0.1:$T_PORT/reviews/$R/conference"
}
ok "a day that does not exist: the form again, 400" equals \
	"$(conf 2023-02-30 -d starts=14:00 --data-urlencode 'place=Hội trường' --data-urlencode 'participants=Các đơn vị' --data-urlencode 'agenda=Tổng kết' -d "award_$A1=1")" 400
ok "(the message next to the day, in Vietnamese)" grep -qF '<p class="field-error" id="e-held_on">Ghi ngày theo dạng dd/mm/yyyy</p>' "$T_DIR/body"
ok "(what was typed kept)" grep -qF 'value="Hội trường"' "$T_DIR/body"
ok "no place: the message next to the place" equals \
	"$(conf 2023-02-20 --data-urlencode 'participants=Các đơn vị' --data-urlencode 'agenda=Tổng kết')" 400
ok "(next to it)" grep -qF 'id="e-place"' "$T_DIR/body"
ok "an hour that is not one" equals \
	"$(conf 2023-02-20 -d starts=25:00 --data-urlencode 'place=Hội trường' --data-urlencode 'participants=Các đơn vị' --data-urlencode 'agenda=Tổng kết')" 400
ok "(next to it)" grep -qF 'id="e-starts"' "$T_DIR/body"
ok "a day before the year reviewed" equals \
	"$(conf 2021-12-30 --data-urlencode 'place=Hội trường' --data-urlencode 'participants=Các đơn vị' --data-urlencode 'agenda=Tổng kết')" 400
ok "(the conference as it was)" equals \
	"$(get "/api/v1/reviews/$R" >/dev/null; json '[j.conference.held_on, j.conference.awards.length].join()')" "2023-02-17,54"
ok "without the CSRF token: 403" equals \
	"$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar board)" -d held_on=2023-02-20 --data-urlencode 'place=X' -d participants=X -d agenda=X "http://127.0.0.1:$T_PORT/reviews/$R/conference")" 403
ok "Bình An's officer may not record it" equals \
	"$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar other)" --data-urlencode "csrf=$(csrf_of other "/reviews/$R")" -d held_on=2023-02-20 --data-urlencode 'place=X' -d participants=X -d agenda=X "http://127.0.0.1:$T_PORT/reviews/$R/conference")" 403
ok "the board corrects it: two certificates handed" equals \
	"$(conf 2023-02-20 -d starts=14:00 --data-urlencode 'place=Hội trường Ủy ban nhân dân thành phố Dĩ An' --data-urlencode 'participants=Lãnh đạo Thành ủy, Ủy ban Mặt trận Tổ quốc và bảy phường' --data-urlencode 'agenda=Báo cáo tổng kết; trao giấy khen' -d "award_$A1=1" -d "award_$A2=1")" 303
ok "(as the API says)" equals \
	"$(get "/api/v1/reviews/$R" >/dev/null; json '[j.conference.held_on, j.conference.starts, j.conference.place, j.conference.awards.map(a=>a.id??a).sort((x,y)=>x-y).join("+")].join()')" \
	"2023-02-20,14:00,Hội trường Ủy ban nhân dân thành phố Dĩ An,$(printf '%s\n' "$A1" "$A2" | sort -n | paste -sd+)"
ok "(its hash is as it was)" equals "$(json 'j.hash')" "$HASH"
ok "the public page shows it" equals "$(get "/reviews/$R")" 200
ok "(the place and the two people commended)" equals \
	"$(grep -c 'Hội trường Ủy ban nhân dân thành phố Dĩ An' "$T_DIR/body"),$(grep -o 'Những người được trao giấy khen</summary><ul[^>]*>\(<li>[^<]*</li>\)*' "$T_DIR/body" | grep -o '<li>' | wc -l)" "1,2"
ok "the board hands every certificate again" equals \
	"$(conf 2023-02-17 -d starts=08:00 --data-urlencode 'place=Hội trường Thành ủy Dĩ An' --data-urlencode 'participants=Các đơn vị' --data-urlencode 'agenda=Tổng kết' \
		$(q "SELECT '-d award_' || ref || '=1' FROM review_line WHERE review_id = $R AND kind = 'award'"))" 303
ok "(54 again)" equals "$(get "/api/v1/reviews/$R" >/dev/null; json 'j.conference.awards.length')" 54

# ------------------------------------ a review of this year and the modules
ok "the board builds this year's review" equals \
	"$(api "$BOARD" POST "/api/v1/units/$CITY/reviews" "{\"year\":$YEAR}")" 201
NEW=$(json 'j.id')
cp "$T_DIR/body" "$T_DIR/review.json"
ok "(a draft, not public)" equals "$(json 'j.status')" draft
ok "(anonymous readers do not see a draft)" equals "$(get "/api/v1/reviews/$NEW")" 404
fig() { node -e "const j=JSON.parse(require('fs').readFileSync('$T_DIR/review.json'));console.log($1)"; }
get "/api/v1/units/$CITY" >/dev/null
ok "households: as the registry counts them" equals "$(fig 'j.figures.households')" "$(json 'j.unit.households')"
get "/api/v1/units/$CITY/report-stats?year=$YEAR" >/dev/null
ok "citizen reports: as report-stats counts them" equals \
	"$(fig '[j.figures.reports, j.figures.resolved, j.figures.on_time].join()')" \
	"$(json '["received","resolved","on_time"].map(k=>j.categories.reduce((s,c)=>s+c[k],0)).join()')"
get "/api/v1/models/figures?unit=$CITY&year=$YEAR" >/dev/null
ok "models: as the emulation module counts them" equals "$(fig 'j.figures.models')" "$(json 'j.figures.all.registered')"
get "/api/v1/works?unit=$CITY&status=settled" >/dev/null
ok "works: the alley the settled works built, delivered over the review's years" equals \
	"$(fig 'Object.values(j.years).reduce((s,y)=>s+y.alley_m,0)')" \
	"$(json 'j.works.reduce((s,w)=>s+(w.outputs.alley_m||0),0)')"
ok "(each unit below has its figures)" equals "$(fig 'j.units.length')" 7
ok "the board writes the narrative" equals \
	"$(api "$BOARD" PATCH "/api/v1/reviews/$NEW" '{"parts":{"directions":"Năm tới tiếp tục đổi mới."},"signer_name":"Nguyễn Văn A"}')" 200
ok "(kept)" equals "$(json 'j.parts.directions')" "Năm tới tiếp tục đổi mới."
ok "a draft has no conference yet" equals "$(get "/reviews/$NEW" -b "$(jar board)")" 200
ok "(no form for it)" lacks "$T_DIR/body" 'action="/reviews/[0-9]*/conference"'
ok "its PDF for the board" equals "$(get "/reviews/$NEW/review.pdf" -b "$(jar board)")" 200
pdftotext "$T_DIR/body" - | tr -s ' \n' ' ' >"$T_DIR/draft.txt"
ok "(a draft, marked)" grep -qF "DỰ THẢO" "$T_DIR/draft.txt"
ok "(the narrative)" grep -qF "Năm tới tiếp tục đổi mới." "$T_DIR/draft.txt"
ok "(the works' money by source, from the review's figures)" grep -qF \
	"hộ dân đóng góp $(fig "j.figures.money_households.toLocaleString('de-DE')") ₫" "$T_DIR/draft.txt"

# ----------------------------------------------------------------- /me
ok "/me for the ward officer" equals "$(get /me -b "$(jar ward)")" 200
ok "(overdue tasks on the to-do list)" contains "$T_DIR/body" "nhiệm vụ quá hạn"

# ------------------------------------------------- the ward's own forms
WTASK=$(q "SELECT t.id FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE p.year = 2023 AND p.unit_id = $CITY AND t.unit_id = $TDH AND t.organization_id IS NULL")
ok "the ward's task page" equals "$(get "/tasks/$WTASK" -b "$(jar ward)")" 200
TOK=$(csrf_of ward "/tasks/$WTASK")
ok "the ward reports it done through the form" equals \
	"$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar ward)" --data-urlencode "csrf=$TOK" -d status=done --data-urlencode "note=Đã tổ chức bốn buổi đối thoại." "http://127.0.0.1:$T_PORT/tasks/$WTASK/progress")" 303
ok "(done, as the API says)" equals "$(get "/api/v1/plans/tasks/$WTASK" >/dev/null; json '[j.status, j.progress].join()')" "done,Đã tổ chức bốn buổi đối thoại."
ok "the ward's list of its tasks" equals "$(get /tasks -b "$(jar ward)")" 200
WARD=$(api_token ward@demo)
ok "and through the API" equals "$(api "$WARD" GET /api/v1/plans/tasks)" 200
ok "(Tân Đông Hiệp's, not done, the overdue counted)" equals \
	"$(json "[j.tasks.length>0, j.tasks.every(t=>t.status!='done'), j.overdue>0].join()")" "true,true,true"
LAST=$((YEAR - 1))
FORM="/periodic/$T/units/$TDH?year=$LAST&period=4"
ok "the ward's report form of last year's fourth quarter" equals "$(get "$FORM" -b "$(jar ward)")" 200
TOK=$(csrf_of ward "$FORM")
printf 'text_1=Qu\xfd 4 b\xe1o c\xe1o' >"$T_DIR/bad.form"
REPORTS=$(q "SELECT COUNT(*) FROM periodic_report")
ok "a text of malformed UTF-8: 400" equals \
	"$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar ward)" --data-urlencode "csrf=$TOK" --data-binary @"$T_DIR/bad.form" "http://127.0.0.1:$T_PORT$FORM")" 400
ok "(nothing written)" equals "$(q "SELECT COUNT(*) FROM periodic_report")" "$REPORTS"
ok "the ward sends it through the form" equals \
	"$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar ward)" --data-urlencode "csrf=$TOK" -d item_3=4 -d item_4=450 -d item_4_of=500 --data-urlencode "text_1=Quý 4 ổn định" -d submit=1 "http://127.0.0.1:$T_PORT$FORM")" 303
ok "the city's consolidation of that quarter counts it" equals \
	"$(api "$BOARD" GET "/api/v1/plans/periodic/$T/consolidation?year=$LAST&period=4")" 200
ok "(sent, on time or late; its figures and text on its row)" equals \
	"$(json "(()=>{const r=j.rows.find(x=>x.unit==$TDH);return [r.states.on_time+r.states.late, r.values[2].value, r.values[3].num, r.values[3].den, r.texts[0].includes('Quý 4 ổn định')].join()})()")" "1,4,450,500,true"
ok "(the other wards missing, or not due yet in the first days of January)" equals \
	"$(json 'j.states.missing + j.states.not_due')" 6
ok "sent, it no longer changes" equals \
	"$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar ward)" --data-urlencode "csrf=$TOK" -d item_3=9 "http://127.0.0.1:$T_PORT$FORM")" 409

# ------------------------- an entered value and a periodic report, by the API
ok "the board makes this year's plan of grassroots democracy" equals \
	"$(api "$BOARD" POST "/api/v1/units/$CITY/plans" "{\"year\":$YEAR,\"kind\":\"democracy\",\"title\":\"Kế hoạch thực hiện dân chủ ở cơ sở năm $YEAR\"}")" 201
PD=$(json 'j.id')
ok "with an entered indicator, a share" equals \
	"$(api "$BOARD" POST "/api/v1/plans/$PD/indicators" '{"name":"Tỷ lệ khu phố tổ chức hội nghị nhân dân","measure":"percent","target":"90"}')" 201
IND=$(json 'j.indicators.find(i=>!i.computed).id')
ok "a value of it, today" equals \
	"$(api "$BOARD" POST "/api/v1/plans/indicators/$IND/values" '{"num":41,"den":46,"note":"Theo biên bản của các khu phố"}')" 201
VAL=$(json 'j.id')
ok "(as entered, the rate from the two counts, today)" equals \
	"$(json '[j.indicator, j.value.num, j.value.den, j.value.permille, j.on, j.note, j.files.length].join()')" \
	"$IND,41,46,891,$(vn_day 0),Theo biên bản của các khu phố,0"
ok "the plan shows it as the indicator's value" equals \
	"$(get "/api/v1/plans/$PD" -b "$(jar board)" >/dev/null; json "(()=>{const i=j.indicators.find(x=>x.id==$IND);return [i.value.num,i.value.den].join()})()")" "41,46"
ok "more than the whole: 400" equals \
	"$(api "$BOARD" POST "/api/v1/plans/indicators/$IND/values" '{"num":47,"den":46}')" 400
ok "(naming the total)" contains "$T_DIR/body" '"field":"den"'
ok "a count given as text: 400" equals "$(api "$BOARD" POST "/api/v1/plans/indicators/$IND/values" '{"num":"41","den":46}')" 400
ok "Bình An's officer does not see the city's draft plan to enter it" equals \
	"$(api "$OTHER" POST "/api/v1/plans/indicators/$IND/values" '{"num":1,"den":2}')" 404
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T_DIR/minutes.pdf"
ok "its evidence, a PDF" equals \
	"$(curl -s -o "$T_DIR/body" -w '%{http_code}' -H "Authorization: Bearer $BOARD" -F "file=@$T_DIR/minutes.pdf;type=application/pdf" -F 'caption=Biên bản hội nghị' "http://127.0.0.1:$T_PORT/api/v1/plans/values/$VAL/files")" 201
ok "(listed with its caption)" equals "$(json '[j.files.length, j.files[0].caption, j.files[0].type].join()')" "1,Biên bản hội nghị,application/pdf"
ok "(and served)" equals "$(get "$(json 'j.files[0].url' | sed 's|^https\?://[^/]*||')" -b "$(jar board)")" 200
Q3="/api/v1/plans/periodic/$T/units/$TDH?year=$LAST&period=3"
ok "the ward's report of last year's third quarter, by the API" equals "$(api "$WARD" GET "$Q3")" 200
ok "(not begun: computed figures, the entered ones empty)" equals \
	"$(json '[j.id, j.submitted, j.items.length>3, j.texts.length>0].join()')" ",false,true,true"
ok "a share given as a number: 400 naming the item" equals \
	"$(api "$WARD" POST "$Q3" '{"values":{"4":450}}')" 400
ok "(naming item_4)" contains "$T_DIR/body" '"field":"item_4"'
ok "the ward saves a draft" equals \
	"$(api "$WARD" POST "$Q3" '{"values":{"3":5,"4":{"num":430,"den":500}},"texts":["Quý 3 ổn định"]}')" 200
ok "(kept, not sent)" equals \
	"$(json '[j.id>0, j.submitted, j.items[2].value.value, j.items[3].value.num, j.items[3].value.den, j.texts[0].text].join()')" \
	"true,false,5,430,500,Quý 3 ổn định"
ok "and sends it" equals "$(api "$WARD" POST "$Q3" '{"submit":true}')" 200
ok "(sent today, on time or late)" equals \
	"$(json '[j.submitted, j.submitted_on, ["on_time","late"].includes(j.state)].join()')" "true,$(vn_day 0),true"
ok "the city's consolidation of that quarter counts it" equals \
	"$(api "$BOARD" GET "/api/v1/plans/periodic/$T/consolidation?year=$LAST&period=3")" 200
ok "(its figures on its row)" equals \
	"$(json "(()=>{const r=j.rows.find(x=>x.unit==$TDH);return [r.values[2].value, r.values[3].num, r.values[3].den, r.texts[0]].join()})()")" \
	"5,430,500,Quý 3 ổn định"
ok "sent, it no longer changes" equals "$(api "$WARD" POST "$Q3" '{"values":{"3":9}}')" 409
ok "Bình An's officer does not find Tân Đông Hiệp's to send it" equals \
	"$(api "$OTHER" POST "/api/v1/plans/periodic/$T/units/$TDH?year=$LAST&period=2" '{"submit":true}')" 404

# ------------------------------------------------------------ refusals
PLANS=$(q "SELECT COUNT(*) FROM plan")
TASKS_N=$(q "SELECT COUNT(*) FROM plan_task")
printf '{"year":%d,"kind":"democracy","title":"K\xe1\xba ho\xe1ch"}' "$YEAR" >"$T_DIR/bad.json"
ok "a title of malformed UTF-8: 400" equals \
	"$(curl -s -o "$T_DIR/body" -w '%{http_code}' -H "Authorization: Bearer $BOARD" -H 'Content-Type: application/json' --data-binary @"$T_DIR/bad.json" "http://127.0.0.1:$T_PORT/api/v1/units/$CITY/plans")" 400
BA23=$(q "SELECT id FROM plan WHERE unit_id = $BA AND year = 2023")
ok "a task of Bình An's plan given to Tân Đông Hiệp: 400" equals \
	"$(api "$OTHER" POST "/api/v1/plans/$BA23/tasks" "{\"title\":\"Việc\",\"units\":[$TDH],\"due_on\":\"30/06/2023\"}")" 400
ok "(naming the unit)" contains "$T_DIR/body" '"field":"unit'
P23=$(q "SELECT id FROM plan WHERE unit_id = $CITY AND year = 2023")
ok "Bình An's officer on the city's plan: refused" equals \
	"$(api "$OTHER" POST "/api/v1/plans/$P23/tasks" "{\"title\":\"Việc\",\"units\":[$BA],\"due_on\":\"30/06/2023\"}")" 403
ok "nor may it build another ward's review" equals \
	"$(api "$OTHER" POST "/api/v1/units/$TDH/reviews" "{\"year\":$YEAR}")" 403
ok "a form without its CSRF token: 403" equals \
	"$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar board)" -d "year=$YEAR" -d kind=democracy -d title=X "http://127.0.0.1:$T_PORT/units/$CITY/plans")" 403
ok "a year that is not one: 400" equals "$(api "$BOARD" POST "/api/v1/units/$CITY/reviews" '{"year":"2022"}')" 400
ok "nothing was written" equals "$(q "SELECT COUNT(*) FROM plan"),$(q "SELECT COUNT(*) FROM plan_task")" "$PLANS,$TASKS_N"
ok "the server is still up" equals "$(get /healthz)" 200
