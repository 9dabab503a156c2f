#!/bin/bash
# Co-funded community works against the real binary: the demo's three works
# in Đông Tác (settled, collecting, planned), the public ledger that adds up
# to the balance, names never public without the household's consent,
# exemptions without their reason, recording on the site and through the
# API with every refusal (no CSRF, another ward, a resident, money strings,
# a household elsewhere, the decision gate, the balance rule), the board's
# sign-off, the receipt read by pdftotext with its QR code decoded by
# zbarimg, the workbook read by Python's zipfile, the board's rules, /me and
# the unit's page, and `danvan verify` on a ledger altered behind the
# program's back.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 1200 --seed 3 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
for who in head ward front inspector member; do
	ok "$who logs in" equals "$(login_as $who $who@demo)" 303
done
ok "resident@demo logs in" equals "$(login_as res resident@demo)" 303
get '/api/v1/units?q=dong%20tac' >/dev/null
DT=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Đông Tác".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=chieu%20lieu' >/dev/null
CL=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Chiêu Liêu".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=binh%20an' >/dev/null
BA=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Bình An".*/\1/p' "$T_DIR/body")
printf 'mat-khau-2\n' | "$DANVAN_BIN" user add wardba@demo --name "Cán bộ phường Bình An" --db "$DB" >/dev/null
"$DANVAN_BIN" user grant wardba@demo ward_officer "$BA" --db "$DB" >/dev/null
ok "an officer of another ward logs in" equals "$(login_as other wardba@demo mat-khau-2)" 303
HEAD_TOKEN=$(api_token head@demo)
INSP_TOKEN=$(api_token inspector@demo)
RES_TOKEN=$(api_token resident@demo)

# ------------------------------------------------------------ the demo's
ok "the works of Đông Tác" equals "$(get "/api/v1/works?unit=$DT")" 200
ok "(three, each with its id)" equals "$(json 'j.works.filter(w=>w.id>0).length')" 3
F=$(json 'j.works.find(w=>w.status=="settled").id')
C=$(json 'j.works.find(w=>w.status=="collecting").id')
P=$(json 'j.works.find(w=>w.status=="planned").id')
ok "a bad unit: 400" equals "$(get '/api/v1/works?unit=abc')" 400
ok "a bad status: 400 naming it" equals "$(get '/api/v1/works?status=done')" 400
ok "(the parameter named)" contains "$T_DIR/body" '"field":"status"'
ok "the finished alley" equals "$(get "/api/v1/works/$F")" 200
ok "(250.000.000 ₫, 106.500.000 ₫ of it from households, balance 0)" equals \
	"$(json '[j.money.in, j.money.by_source.households, j.money.by_source.agencies+j.money.by_source.businesses, j.balance].join()')" \
	"250000000,106500000,143500000,0"
ok "(320 m of alley, 14 lights, 6 cameras)" equals "$(json '[j.outputs.alley_m, j.outputs.lights, j.outputs.cameras].join()')" "320,14,6"
HEAD_HASH=$(json 'j.head_hash')
ok "its ledger" equals "$(get "/api/v1/works/$F/ledger.json")" 200
ok "(in - out + corrections over the entries as they are is the balance; amounts positive; the seven kinds)" equals "$(json '(()=>{let b=0;for(const e of j.entries){const s={contribution:1,in_kind:1,sponsor:1,expense:-1,refund:-1}[e.kind]||0;b+=s*e.amount+(e.kind=="correction"?e.effect:0);}return [b, j.balance, j.entries.every(e=>e.amount>0 && ["pledge","contribution","in_kind","sponsor","expense","refund","correction"].includes(e.kind))].join()})()')" "0,0,true"
ok "(a refused duplicate is listed apart, not counted)" equals "$(json '[j.expenses_not_counted.length, j.expenses_not_counted[0].signoff.decision, j.entries.some(e=>e.kind=="expense"&&!e.counted)].join()')" "1,refused,false"
ok "(a correction points at what it corrects)" equals "$(json '(()=>{const c=j.entries.find(e=>e.kind=="correction");return [c.effect, j.entries.some(e=>e.id==c.corrects), c.note.length>0].join()})()')" "-1000000,true,true"
ok "(the last entry's hash is the head)" equals "$(json 'j.entries[j.entries.length-1].hash')" "$HEAD_HASH"
ok "the public page" equals "$(get "/works/$F")" 200
ok "(its head hash shown)" contains "$T_DIR/body" "$HEAD_HASH"
ok "(settled, with its board and findings)" sh -c "grep -q 'Đã công khai quyết toán' '$T_DIR/body' && grep -q 'Lê Thị Kim Oanh' '$T_DIR/body' && grep -q 'nứt chân chim' '$T_DIR/body'"
ok "(the decision that approved it, with its tally)" sh -c "grep -q 'Đã thông qua' '$T_DIR/body' && grep -q 'Đồng ý [0-9]* · không đồng ý' '$T_DIR/body'"
ok "the final accounts are a notice in the funds category" equals "$(get "/api/v1/notices/$(get "/api/v1/works/$F" >/dev/null; json 'j.settlement_notice')")" 200
ok "(carrying the head hash)" equals "$(json '[j.notice.category.law_item, j.notice.body.includes("'"$HEAD_HASH"'")].join()')" "8,true"
get "/api/v1/works/$C" >/dev/null
ok "the plan is a notice in the investment category" equals "$(get "/api/v1/notices/$(get "/api/v1/works/$C" >/dev/null; json 'j.plan_notice')")" 200
ok "(item 5, its reach counted over the households)" equals "$(json '[j.notice.category.law_item, j.notice.households>0].join()')" "5,true"

# -------------------------------------------------------------- privacy
get "/api/v1/households?unit=$DT&limit=100" -H "Authorization: Bearer $HEAD_TOKEN" >/dev/null
json 'j.households.map(h=>h.representative? h.representative.full_name:"").filter(n=>n).join("\n")' >"$T_DIR/names"
CODE=$(json 'j.households[3].code'); NAME=$(json 'j.households[3].representative.full_name')
OTHER_CODE=$(json 'j.households[4].code')
get "/api/v1/households?unit=$CL&limit=1" -H "Authorization: Bearer $(api_token ward@demo)" >/dev/null
CL_CODE=$(json 'j.households[0].code')
nameless() { # no representative's name in the body
	! grep -q -F -f "$T_DIR/names" "$T_DIR/body"
}
for page in "/works/$C" "/works/$C/households" "/works/$F" "/works/$F/households" "/works/$F/ledger.csv" "/api/v1/works/$C/ledger.json" "/api/v1/works/$F/ledger.json"; do
	get "$page" >/dev/null
	ok "no name on $page without consent" nameless
done
get "/works/$C/households" >/dev/null
ok "exemptions show as miễn/giảm" contains "$T_DIR/body" "miễn/giảm"
ok "(without their reason)" sh -c "! grep -q 'Hộ nghèo\|Người cao tuổi' '$T_DIR/body'"
get "/works/$C/households" -b "$(jar head)" >/dev/null
ok "the head sees why" contains "$T_DIR/body" "Hộ nghèo"

# ------------------------------------------------------------- recording
ht=$(csrf_of head "/works/$C")
hpost() { get "$1" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" "${@:2}"; }
count() { get "/api/v1/works/$1" >/dev/null; json 'j.entries'; }
N0=$(count "$C")
ok "no CSRF token: 403" equals "$(get "/works/$C/entries" -b "$(jar head)" -X POST -d kind=contribution -d "household=$CODE" -d amount=100000)" 403
ok "a decimal amount: 400" equals "$(hpost "/works/$C/entries" -d kind=contribution -d "household=$CODE" -d amount=1,5)" 400
ok "(the error at its field, what was typed kept)" sh -c "grep -q 'id=\"e-amount\"' '$T_DIR/body' && grep -q 'value=\"1,5\"' '$T_DIR/body'"
for bad in "-5.000" "0" "12.5000" "một triệu" "100.000.000.001"; do
	ok "amount '$bad': 400" equals "$(hpost "/works/$C/entries" -d kind=contribution -d "household=$CODE" --data-urlencode "amount=$bad")" 400
done
ok "an unknown kind: 400" equals "$(hpost "/works/$C/entries" -d kind=gift -d "household=$CODE" -d amount=1000)" 400
ok "a household of another community: 400" equals "$(hpost "/works/$C/entries" -d kind=contribution -d "household=$CL_CODE" -d amount=1000)" 400
ok "(naming the household)" contains "$T_DIR/body" 'id="e-household"'
ok "the planned work waits for its decision: 409" equals "$(hpost "/works/$P/entries" -d kind=contribution -d "household=$CODE" -d amount=1000)" 409
ok "a resident records nothing: 403" equals "$(get "/works/$C/entries" -b "$(jar res)" -X POST --data-urlencode "csrf=$(csrf_of res /me)" -d kind=contribution -d "household=$CODE" -d amount=1000)" 403
ok "nor an officer of another ward: 403" equals "$(get "/works/$C/entries" -b "$(jar other)" -X POST --data-urlencode "csrf=$(csrf_of other /me)" -d kind=contribution -d "household=$CODE" -d amount=1000)" 403
ok "nothing was written" equals "$(count "$C")" "$N0"
ok "1.250.000 recorded, with the household's consent" equals "$(hpost "/works/$C/entries" -d kind=contribution -d "household=$CODE" --data-urlencode 'amount=1.250.000' -d method=cash -d show_name=1)" 303
E=$(sed -n 's/^location: \/works\/[0-9]*\/entries\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "1250000 đ recorded too" equals "$(hpost "/works/$C/entries" -d kind=contribution -d "household=$OTHER_CODE" --data-urlencode 'amount=1250000 đ')" 303
ok "the entry's page" equals "$(get "/works/$C/entries/$E")" 200
ok "(its amount in words)" contains "$T_DIR/body" "Một triệu hai trăm năm mươi nghìn đồng"
ok "(the name the household agreed to show)" contains "$T_DIR/body" "$NAME"
get "/api/v1/works/$C/ledger.json" >/dev/null
ok "two entries more, each with its amount" equals "$(json '[j.entries.length, j.entries.slice(-2).map(e=>e.amount).join("+")].join()')" "$((N0 + 2)),1250000+1250000"
ok "(the other household still without its name)" equals "$(json 'j.entries[j.entries.length-1].household.name')" null
ok "an entry of another work: 404" equals "$(get "/works/$F/entries/$E")" 404

# the API
api() { get "$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "$3"; }
ok "a pledge through the API" equals "$(api "/api/v1/works/$C/entries" "$HEAD_TOKEN" "{\"kind\":\"pledge\",\"household_code\":\"$CODE\",\"amount\":250000}")" 201
ok "(answered with the entry)" equals "$(json '[j.kind, j.amount, j.counted].join()')" "pledge,250000,false"
ok "an amount as offices write it" equals "$(api "/api/v1/works/$C/entries" "$HEAD_TOKEN" "{\"kind\":\"contribution\",\"household_code\":\"$CODE\",\"amount\":\"250.000 ₫\"}")" 201
ok "an amount of the wrong type: 400 naming it" equals "$(api "/api/v1/works/$C/entries" "$HEAD_TOKEN" '{"kind":"contribution","household":1,"amount":true}')" 400
ok "(amount)" contains "$T_DIR/body" '"field":"amount"'
ok "a resident's token: 403" equals "$(api "/api/v1/works/$C/entries" "$RES_TOKEN" "{\"kind\":\"contribution\",\"household_code\":\"$CODE\",\"amount\":1000}")" 403
ok "no token: 401" equals "$(get "/api/v1/works/$C/entries" -H 'Content-Type: application/json' -d '{"kind":"pledge"}')" 401
ok "a cookie session without its CSRF header: 403" equals "$(get "/api/v1/works/$C/entries" -b "$(jar head)" -H 'Content-Type: application/json' -d "{\"kind\":\"pledge\",\"household_code\":\"$CODE\",\"amount\":1000}")" 403
ok "an unknown work: 404" equals "$(api "/api/v1/works/999999/entries" "$HEAD_TOKEN" '{"kind":"pledge","amount":1}')" 404

# ------------------------------------------------------- expenses, board
get "/api/v1/works/$C" >/dev/null
BAL=$(json 'j.balance')
ok "an expense past the balance without an advance: 400" equals "$(hpost "/works/$C/entries" -d kind=expense --data-urlencode "amount=$((BAL + 1))" --data-urlencode 'party=Cửa hàng VLXD' --data-urlencode 'item=Xi măng')" 400
ok "(naming the advance)" contains "$T_DIR/body" 'id="e-advance"'
ok "an expense within it" equals "$(hpost "/works/$C/entries" -d kind=expense -d amount=2.000.000 --data-urlencode 'party=Cửa hàng VLXD Hưng Thịnh' --data-urlencode 'item=Xi măng' -d quantity='20 bao')" 303
X=$(sed -n 's/^location: \/works\/[0-9]*\/entries\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "it waits for the board: the balance stays" equals "$(get "/api/v1/works/$C" >/dev/null; json '[j.balance, j.money.pending].join()')" "$BAL,2000000"
sign() { api "/api/v1/works/$C/entries/$X/signoff" "$1" "$2"; }
ok "the head is no board member: 403" equals "$(sign "$HEAD_TOKEN" '{"decision":"approve"}')" 403
ok "a resident neither: 403" equals "$(sign "$RES_TOKEN" '{"decision":"approve"}')" 403
ok "refusing needs a reason: 400" equals "$(sign "$INSP_TOKEN" '{"decision":"refuse"}')" 400
ok "an unknown decision: 400" equals "$(sign "$INSP_TOKEN" '{"decision":"maybe"}')" 400
ok "a board member signs it off" equals "$(sign "$INSP_TOKEN" '{"decision":"approve"}')" 200
ok "(signed by the inspection board's member)" equals "$(json '[j.signoff.decision, j.signoff.by, j.counted].join()')" "approved,Lê Thị Kim Oanh,true"
ok "once only: 409" equals "$(sign "$INSP_TOKEN" '{"decision":"refuse","reason":"x"}')" 409
ok "the balance counts it now" equals "$(get "/api/v1/works/$C" >/dev/null; json 'j.balance')" "$((BAL - 2000000))"
ok "a member signs on the site too (the entry page has the form)" equals "$(hpost "/works/$C/entries" -d kind=expense -d amount=100.000 --data-urlencode 'party=Tạp hóa' --data-urlencode 'item=Dây điện')" 303
Y=$(sed -n 's/^location: \/works\/[0-9]*\/entries\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
get "/works/$C/entries/$Y" -b "$(jar member)" >/dev/null
ok "(the form is there for a member)" contains "$T_DIR/body" "/works/$C/entries/$Y/signoff"
mt=$(csrf_of member "/works/$C/entries/$Y")
ok "member@demo refuses it with a reason" equals "$(get "/works/$C/entries/$Y/signoff" -b "$(jar member)" -X POST --data-urlencode "csrf=$mt" -d decision=refuse --data-urlencode 'reason=Chưa có hóa đơn')" 303
get "/works/$C/entries/$Y" >/dev/null
ok "(the page says so)" contains "$T_DIR/body" "Chưa có hóa đơn"

# ------------------------------------------------------ progress, invoices
ok "the head records progress" equals "$(hpost "/works/$C/milestones" -d stage=during -d percent=30 --data-urlencode 'description=Đã đổ bê tông 50 m đầu hẻm.')" 303
ok "progress does not go back: 400" equals "$(hpost "/works/$C/milestones" -d stage=during -d percent=20 --data-urlencode 'description=Lùi')" 400
ok "(naming the percent)" contains "$T_DIR/body" 'id="e-percent"'
M=$(q "SELECT MAX(id) FROM work_milestone WHERE work_id = $C")
vips black "$T_DIR/gps.jpg" 64 48 --bands 3 >/dev/null 2>&1
exiftool -q -overwrite_original -GPSLatitude=10.9 -GPSLatitudeRef=N -GPSLongitude=106.77 -GPSLongitudeRef=E -Make=Test "$T_DIR/gps.jpg"
ok "the test photo does carry GPS" sh -c "exiftool -s -GPSLatitude '$T_DIR/gps.jpg' | grep -q GPSLatitude"
up() { get "$1" -b "$(jar head)" -F "csrf=$ht" -F "file=@$2"; }
ok "a photo of the works is attached" equals "$(up "/works/$C/milestones/$M/files" "$T_DIR/gps.jpg")" 303
ok "not by a resident" equals "$(get "/works/$C/milestones/$M/files" -b "$(jar res)" -F "csrf=$(csrf_of res /me)" -F "file=@$T_DIR/gps.jpg")" 403
ok "nor to another work's milestone" equals "$(up "/works/$F/milestones/$M/files" "$T_DIR/gps.jpg")" 404
get "/works/$C" >/dev/null
PHOTO=$(grep -o "href=\"/works/$C/files/[0-9]*\"" "$T_DIR/body" | sed 's/.*files\/\([0-9]*\)"/\1/' | head -1)
ok "the photo is on the public page" test -n "$PHOTO"
ok "and public" equals "$(get "/works/$C/files/$PHOTO")" 200
cp "$T_DIR/body" "$T_DIR/back.jpg"
ok "(without its GPS position, exiftool)" sh -c "! exiftool -s -GPS:all -Make '$T_DIR/back.jpg' | grep -q ."
ok "(with its thumbnail)" equals "$(get "/works/$C/files/$PHOTO/thumb")" 200
ok "a file of another work: 404" equals "$(get "/works/$F/files/$PHOTO")" 404
printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' >"$T_DIR/hoa-don.pdf"
ok "the expense's invoice is attached" equals "$(up "/works/$C/entries/$X/files" "$T_DIR/hoa-don.pdf")" 303
get "/works/$C/entries/$X" >/dev/null
ok "(listed on the entry's page)" contains "$T_DIR/body" "hoa-don.pdf"

# --------------------------------------------------------------- receipt
ok "the receipt is not public" equals "$(get "/works/$C/entries/$E/receipt.pdf")" 303
ok "nor another household's" equals "$(get "/works/$C/entries/$E/receipt.pdf" -b "$(jar res)")" 404
ok "the head prints it" equals "$(get "/works/$C/entries/$E/receipt.pdf" -b "$(jar head)")" 200
cp "$T_DIR/body" "$T_DIR/receipt.pdf"
ok "(a PDF)" grep -qi '^content-type: application/pdf' "$T_DIR/head"
pdftotext -layout "$T_DIR/receipt.pdf" "$T_DIR/receipt.txt"
ok "(PHIẾU THU, twice: the household's copy and the ledger's)" equals "$(grep -c 'PHIẾU THU' "$T_DIR/receipt.txt")" 2
ok "(the amount in figures and in words)" sh -c "grep -q '1.250.000 ₫' '$T_DIR/receipt.txt' && grep -q 'Một triệu hai trăm năm mươi nghìn đồng' '$T_DIR/receipt.txt'"
ok "(who paid, who received)" sh -c "grep -q -F '$NAME' '$T_DIR/receipt.txt' && grep -q 'Trưởng khu phố Đông Tác' '$T_DIR/receipt.txt'"
pdftoppm -r 150 -png "$T_DIR/receipt.pdf" "$T_DIR/receipt"
QR=$(zbarimg -q --raw "$T_DIR"/receipt-*.png 2>/dev/null | head -1)
ok "(its QR code points at the public entry)" sh -c "echo '$QR' | grep -q '/works/$C/entries/$E\$'"
ok "(which anyone may open)" equals "$(get "${QR#http://127.0.0.1:$T_PORT}")" 200
get /api/v1/me -H "Authorization: Bearer $RES_TOKEN" >/dev/null
MINE=$(json 'j.household.code')
get "/api/v1/works/$F/ledger.json" >/dev/null
R=$(json 'j.entries.find(e=>e.kind=="contribution"&&e.household.code=="'"$MINE"'").id')
ok "resident@demo prints its own household's receipt" equals "$(get "/works/$F/entries/$R/receipt.pdf" -b "$(jar res)")" 200

# ---------------------------------------------------------- CSV and XLSX
ok "the ledger as CSV" equals "$(get "/works/$F/ledger.csv")" 200
ok "(a line per entry)" equals "$(($(wc -l <"$T_DIR/body") - 1))" "$(get "/api/v1/works/$F" >/dev/null; json 'j.entries')"
ok "the ledger as a workbook" equals "$(get "/works/$F/ledger.xlsx")" 200
cp "$T_DIR/body" "$T_DIR/ledger.xlsx"
XL=$(python3 - "$T_DIR/ledger.xlsx" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = z.read("xl/sharedStrings.xml").decode()
sheet = z.read("xl/worksheets/sheet1.xml").decode()
rows = len(re.findall(r"<row ", sheet))
print("ok" if "SỔ THU CHI CÔNG KHAI" in strings and "SUMIFS" in sheet else "bad", rows)
EOF
)
ENTRIES=$(get "/api/v1/works/$F" >/dev/null; json 'j.entries')
ok "(read by zipfile: its title, SUMIFS totals, a row per entry)" equals "$XL" "ok $((ENTRIES + 4 + 1 + 2))"

# ---------------------------------------------------------------- the board
ft=$(csrf_of front "/works/$P")
board() { get "/works/$P/board" -b "$(jar "$1")" -X POST --data-urlencode "csrf=$2" "${@:3}"; }
ELECTION=$(q "SELECT id FROM matter WHERE type = 5 AND status = 'closed' ORDER BY id LIMIT 1")
members=(-d "election=$ELECTION" --data-urlencode 'm1_name=Nguyễn Văn Hòa' -d m1_role=head -d m1_origin=front
	--data-urlencode 'm2_name=Lê Thị Kim Oanh' -d m2_role=deputy -d m2_origin=inspection -d m2_login=inspector@demo
	--data-urlencode 'm3_name=Trần Văn Phúc' -d m3_role=member -d m3_origin=resident
	--data-urlencode 'm4_name=Phạm Thị Ngọc Ánh' -d m4_role=member -d m4_origin=resident)
ok "four members: 400 naming the rule" equals "$(board front "$ft" "${members[@]}")" 400
ok "(at least 5, rule supervision_min)" contains "$T_DIR/body" "supervision_min"
ok "three deputies: 400" equals "$(board front "$ft" -d "election=$ELECTION" --data-urlencode 'm1_name=Nguyễn Văn Hòa' -d m1_role=head -d m1_origin=front \
	--data-urlencode 'm2_name=Lê Thị Kim Oanh' -d m2_role=deputy -d m2_origin=inspection \
	--data-urlencode 'm3_name=Trần Văn Phúc' -d m3_role=deputy -d m3_origin=resident \
	--data-urlencode 'm4_name=Phạm Thị Ngọc Ánh' -d m4_role=deputy -d m4_origin=resident \
	--data-urlencode 'm5_name=Võ Minh Tâm' -d m5_role=member -d m5_origin=resident)" 400
ok "(naming the rule)" contains "$T_DIR/body" "supervision_deputies_max"
ok "the head does not set up the board watching it: 403" equals "$(board head "$ht" "${members[@]}" --data-urlencode 'm5_name=Võ Minh Tâm' -d m5_role=member -d m5_origin=resident)" 403
ok "five, as the law asks" equals "$(board front "$ft" "${members[@]}" --data-urlencode 'm5_name=Võ Minh Tâm' -d m5_role=member -d m5_origin=resident)" 303
ok "(on the work's page)" sh -c "curl -s http://127.0.0.1:$T_PORT/works/$P | grep -q 'Võ Minh Tâm'"

# ------------------------------------------------------------- steps
ok "the planned work cannot collect before its decision: 409" equals "$(hpost "/works/$P/status" -d to=collecting)" 409
ok "an unknown step: 400" equals "$(hpost "/works/$P/status" -d to=done)" 400
ok "a new work's form, for the head" equals "$(get "/units/$DT/works/new" -b "$(jar head)")" 200
ok "(not for a resident)" equals "$(get "/units/$DT/works/new" -b "$(jar res)")" 404
ok "a plan that does not add up: 400" equals "$(hpost "/units/$DT/works" -d kind=lights --data-urlencode 'name=Đèn hẻm 3' --data-urlencode 'place=Hẻm 3' -d estimate=30.000.000 -d fund_households=10.000.000)" 400
ok "a new plan" equals "$(hpost "/units/$DT/works" -d kind=lights --data-urlencode 'name=Đèn hẻm 3' --data-urlencode 'place=Hẻm 3' -d estimate=30.000.000 -d out_lights=8)" 303
ok "through the API, another ward's officer: 403" equals "$(api /api/v1/works "$(api_token wardba@demo mat-khau-2)" "{\"unit\":$DT,\"kind\":\"drains\",\"name\":\"x\",\"place\":\"y\",\"estimate\":1000}")" 403
ok "the head's through the API" equals "$(api /api/v1/works "$HEAD_TOKEN" "{\"unit\":$DT,\"kind\":\"cameras\",\"name\":\"Camera ngã ba\",\"place\":\"Ngã ba Đông Tác\",\"estimate\":\"24.000.000\",\"outputs\":{\"cameras\":4},\"funding\":{\"agencies\":24000000}}")" 201
ok "(planned, its outputs kept)" equals "$(json '[j.status, j.outputs.cameras, j.balance].join()')" "planned,4,0"

# ----------------------------------------------------------- /me and units
ok "resident@demo's page" equals "$(get /me -b "$(jar res)")" 200
ok "(its contributions, with the finished alley and a receipt)" sh -c "grep -q 'Đóng góp của hộ cho các công trình' '$T_DIR/body' && grep -q 'hẻm 7' '$T_DIR/body' && grep -q 'receipt.pdf' '$T_DIR/body'"
ok "the household agrees to show its name" equals "$(get "/works/$F/consent" -b "$(jar res)" -X POST --data-urlencode "csrf=$(csrf_of res /me)" -d show_name=1 -d back=me)" 303
ok "a head has no household to agree for: 403" equals "$(hpost "/works/$F/consent" -d show_name=1)" 403
ok "the unit's page lists its works" equals "$(get "/units/$DT")" 200
ok "(and what they delivered: 320 m)" sh -c "grep -q 'Công trình do Nhân dân cùng làm' '$T_DIR/body' && grep -q '<strong>320</strong>' '$T_DIR/body'"
CITY=$(q "SELECT id FROM unit WHERE parent_id IS NOT NULL AND code = '724'")
ok "the city's page has the totals" equals "$(get "/units/$CITY")" 200
ok "(metres paved, đồng from households and from sponsors)" sh -c "grep -q '<strong>320</strong>Mét đường hẻm' '$T_DIR/body' && grep -q 'từ các hộ gia đình' '$T_DIR/body' && grep -q 'từ tài trợ và ngân sách' '$T_DIR/body'"

# ------------------------------------------------------------- verify
ok "verify: the ledgers hold" "$DANVAN_BIN" verify --db "$DB"
TAMPERED=$(q "SELECT id FROM work_ledger WHERE work_id = $C AND seq = 3")
q "UPDATE work_ledger SET amount = amount + 1000 WHERE id = $TAMPERED" >/dev/null
"$DANVAN_BIN" verify --db "$DB" >"$T_DIR/verify.out" 2>&1
ok "an entry altered behind the program's back: exit 5" equals "$?" 5
ok "(named)" grep -q "ledger of work $C BROKEN at entry $TAMPERED (no. 3 of the work)" "$T_DIR/verify.out"
ok "(the audit chain itself holds)" grep -q "audit chain holds" "$T_DIR/verify.out"

# the households that paid into a work hear of its steps
S=$(q "SELECT id FROM work WHERE status = 'settled' ORDER BY id LIMIT 1")
PAID=$(q "SELECT COUNT(*) FROM work_household wh JOIN account a ON a.household_id = wh.household_id WHERE wh.work_id = $S AND a.login = 'resident@demo' AND wh.given > 0")
ok "resident@demo's household paid into the settled work" equals "$PAID" 1
ok "the head closes it" equals "$(hpost "/works/$S/status" -d to=closed)" 303
told_work() { curl -s -b "$(jar res)" "http://127.0.0.1:$T_PORT/api/v1/me/notifications" | grep -q "\"url\":\"[^\"]*/works/$S\""; }
ok "the resident is told in the app" within 10 told_work
ok "(saying what became of it)" sh -c "curl -s -b '$(jar res)' http://127.0.0.1:$T_PORT/api/v1/me/notifications | grep -q 'mà hộ bạn đã đóng góp'"
