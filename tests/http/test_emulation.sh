#!/bin/bash
# Emulation against the real binary: the demo's Dân vận khéo models (the
# library searched without accents, the figures of 2022: 131 registered, 86
# effective, 12 replicated), a model registered by the ward with a photo,
# private until the Mass Mobilization Board finds it effective, replicated
# from another ward; the movements: registering a neighborhood and one's own
# household, once each, progress, no evaluation before the end, launching
# one with its refusals.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 150 --seed 7 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
unit_id() { get "/api/v1/units?q=$(echo "$2" | sed 's/ /%20/g')" >/dev/null; json "j.units.find(u=>u.kind==='$1'&&u.name==='$2').id"; }
CITY=$(unit_id city "Dĩ An")
TDH=$(unit_id ward "Tân Đông Hiệp")
DAW=$(unit_id ward "Dĩ An")
DT=$(unit_id neighborhood "Đông Tác")
CL=$(unit_id neighborhood "Chiêu Liêu")
ok "found the units" test -n "$CITY" -a -n "$TDH" -a -n "$DAW" -a -n "$DT" -a -n "$CL"
for who in ward head board; do ok "$who logs in" equals "$(login_as $who $who@demo)" 303; done
ok "resident@demo logs in" equals "$(login_as res resident@demo)" 303

# ------------------------------------------------------------- the library
ok "the library is public" equals "$(get /models)" 200
ok "(Dân vận khéo)" contains "$T_DIR/body" "Mô hình Dân vận khéo"
ok "searched without accents" equals "$(get '/api/v1/models?q=hem%20xanh%20sach%20dep')" 200
ok "(finds Hẻm xanh – sạch – đẹp)" equals "$(json 'j.models.length > 0 && j.models.every(m=>m.name.includes("Hẻm xanh") && m.effective)')" "true"
ok "by field" equals "$(get '/api/v1/models?field=defence&limit=100')" 200
ok "(defence and security only)" equals "$(json 'j.models.every(m=>m.field==="defence")')" "true"
# a model runs since a day of the past, derived from the clock
SINCE=$(TZ=Asia/Ho_Chi_Minh date -d '-2 years' +%F)
SINCE1=$(TZ=Asia/Ho_Chi_Minh date -d '-1 year' +%F)
NO_DAY=$(TZ=Asia/Ho_Chi_Minh date -d '-1 year' +%Y)-02-30 # no year has it
ok "a field that does not exist: 400" equals "$(get '/api/v1/models?field=sport')" 400
ok "the figures of 2022" equals "$(get "/api/v1/models/figures?unit=$CITY&year=2022")" 200
ok "(131 registered, 86 effective, 12 replicated)" equals "$(json '[j.figures.all.registered, j.figures.all.effective, j.figures.all.replicated].join()')" "131,86,12"
ok "their page" equals "$(get "/models/figures?unit=$CITY&year=2022")" 200
ok "(the share)" contains "$T_DIR/body" "65%"
ok "a year that does not exist: 400" equals "$(get "/models/figures?unit=$CITY&year=20x2")" 400

# a model of the ward
wt=$(csrf_of ward "/units/$TDH/models/new")
wpost() { get "$1" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" "${@:2}"; }
ok "the form" equals "$(get "/units/$TDH/models/new" -b "$(jar ward)")" 200
ok "a head may not register here: 404" equals "$(get "/units/$TDH/models/new" -b "$(jar head)")" 404
ok "no CSRF token: 403" equals "$(get "/units/$TDH/models" -b "$(jar ward)" -X POST -d field=economy -d name=X)" 403
ok "a field that does not exist: 400, what was typed kept" equals "$(wpost "/units/$TDH/models" -d field=sport --data-urlencode 'name=Chợ đêm văn minh' -d description=x -d since=$SINCE -d runner=x)" 400
ok "(kept)" contains "$T_DIR/body" 'value="Chợ đêm văn minh"'
ok "a day that does not exist: 400" equals "$(wpost "/units/$TDH/models" -d field=economy -d name=X -d description=x -d since=$NO_DAY -d runner=x)" 400
ok "registered" equals "$(wpost "/units/$TDH/models" -d field=economy --data-urlencode 'name=Chợ đêm văn minh' --data-urlencode 'description=Tiểu thương tự quản vệ sinh, an ninh chợ đêm.' -d since=$SINCE --data-urlencode 'runner=Hội Liên hiệp Phụ nữ phường' --data-urlencode 'reached=1.250' --data-urlencode 'results=40 sạp hàng, 0 vụ mất trộm')" 303
M=$(sed -n 's/^location: \/models\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "not public yet" equals "$(get "/models/$M")" 404
ok "the ward sees it" equals "$(get "/models/$M" -b "$(jar ward)")" 200
ok "(people reached as typed)" contains "$T_DIR/body" "1.250"
python3 -c 'import zlib,struct,sys
def ch(t,d): return struct.pack(">I",len(d))+t+d+struct.pack(">I",zlib.crc32(t+d)&0xffffffff)
w,h=40,30; raw=b"".join(b"\0"+b"\x20\x80\x40"*w for _ in range(h))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n"+ch(b"IHDR",struct.pack(">IIBBBBB",w,h,8,2,0,0,0))+ch(b"IDAT",zlib.compress(raw))+ch(b"IEND",b""))' >"$T_DIR/cho.png"
ok "a photo attached" equals "$(get "/models/$M/files" -b "$(jar ward)" -X POST -F "csrf=$wt" -F "file=@$T_DIR/cho.png;type=image/png" -F 'caption=Chợ đêm')" 303
get "/models/$M" -b "$(jar ward)" >/dev/null
F=$(grep -o "/models/$M/files/[0-9]*/thumb" "$T_DIR/body" | head -1 | sed 's|.*/files/||; s|/thumb||')
ok "its thumbnail" equals "$(get "/models/$M/files/$F/thumb" -b "$(jar ward)")" 200
ok "(a JPEG)" grep -qi '^content-type: image/jpeg' "$T_DIR/head"
ok "private while the model is" equals "$(get "/models/$M/files/$F")" 404
ok "another model's file number: 404" equals "$(get "/models/1/files/$F" -b "$(jar ward)")" 404
# evaluated by the Mass Mobilization Board
Y=$(TZ=Asia/Ho_Chi_Minh date +%Y)
ok "a ward officer does not evaluate: 403" equals "$(get "/api/v1/models/$M/evaluations" -H "Authorization: Bearer $(api_token ward@demo)" -H 'Content-Type: application/json' -d "{\"year\":$Y,\"verdict\":\"effective\",\"evidence\":\"x\"}")" 403
BT=$(api_token board@demo)
ok "the board, without evidence: 400" equals "$(get "/api/v1/models/$M/evaluations" -H "Authorization: Bearer $BT" -H 'Content-Type: application/json' -d "{\"year\":$Y,\"verdict\":\"effective\",\"evidence\":\"\"}")" 400
ok "(naming it)" equals "$(json 'j.error.field')" "evidence"
ok "the board finds it effective" equals "$(get "/api/v1/models/$M/evaluations" -H "Authorization: Bearer $BT" -H 'Content-Type: application/json' -d "{\"year\":$Y,\"verdict\":\"effective\",\"evidence\":\"Kiểm tra thực tế chợ đêm\"}")" 200
ok "public now" equals "$(get "/models/$M")" 200
ok "(with the evidence)" contains "$T_DIR/body" "Kiểm tra thực tế chợ đêm"
ok "its photo too" equals "$(get "/models/$M/files/$F")" 200
ok "found in the library, without accents" equals "$(get '/api/v1/models?q=cho%20dem%20van%20minh')" 200
ok "(this one)" equals "$(json "j.models.some(m=>m.id==$M)")" "true"
# replicated from another ward's effective model
ORIGIN=$(get "/api/v1/models?unit=$DAW&limit=1" >/dev/null; json 'j.models[0].id')
ok "another ward's model, replicated in Tân Đông Hiệp" equals "$(wpost "/units/$TDH/models" -d "origin=$ORIGIN" -d field=culture --data-urlencode 'name=Bản sao nhân rộng' -d description=x -d since=$SINCE1 -d runner=x)" 303
R=$(sed -n 's/^location: \/models\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
get "/api/v1/models/$R" -H "Authorization: Bearer $(api_token ward@demo)" >/dev/null
ok "(linked to its origin)" equals "$(json 'j.origin.id')" "$ORIGIN"
ok "a unit does not replicate its own: 400" equals "$(wpost "/units/$TDH/models" -d "origin=$M" -d field=culture -d name=X -d description=x -d since=$SINCE1 -d runner=x)" 400
ok "the origin lists it for those who see it" equals "$(get "/models/$ORIGIN" -b "$(jar ward)")" 200
ok "(Replicated by)" contains "$T_DIR/body" "Bản sao nhân rộng"
ok "a PATCH keeps what is left out" equals "$(get "/api/v1/models/$M" -X PATCH -H "Authorization: Bearer $(api_token ward@demo)" -H 'Content-Type: application/json' -d '{"reached":2000}')" 200
ok "(the name kept, the count changed)" equals "$(json '[j.name, j.reached].join()')" "Chợ đêm văn minh,2000"
ok "a PATCH with a null name: 400" equals "$(get "/api/v1/models/$M" -X PATCH -H "Authorization: Bearer $(api_token ward@demo)" -H 'Content-Type: application/json' -d '{"name":null}')" 400

# -------------------------------------------------------------- movements
get "/api/v1/movements?unit=$TDH&status=running" >/dev/null
MV=$(json 'j.movements[0].id')
ok "this year's movement runs" test -n "$MV"
get "/api/v1/movements?unit=$TDH&status=ended" >/dev/null
OLD=$(json 'j.movements[0].id')
get "/api/v1/movements/$OLD" >/dev/null
ok "the 2022 one ended, its boards evaluated" equals "$(json '[j.status, j.taking_part.length, j.taking_part.every(e=>e.result!==null)].join()')" "ended,7,true"
ok "the movement's page" equals "$(get "/movements/$MV")" 200
ok "a status that does not exist: 400" equals "$(get "/api/v1/movements?status=done")" 400
mt=$(csrf_of ward "/movements/$MV")
ok "the ward registers Chiêu Liêu" equals "$(get "/movements/$MV/entries" -b "$(jar ward)" -X POST --data-urlencode "csrf=$mt" -d "subject=unit:$CL" --data-urlencode 'commitment=Công khai thu chi hằng tháng')" 303
ok "twice: 409" equals "$(get "/movements/$MV/entries" -b "$(jar ward)" -X POST --data-urlencode "csrf=$mt" -d "subject=unit:$CL" --data-urlencode 'commitment=Lần nữa')" 409
ok "without a commitment: 400" equals "$(get "/movements/$MV/entries" -b "$(jar ward)" -X POST --data-urlencode "csrf=$mt" -d "subject=unit:$TDH" -d commitment=)" 400
ok "a kind it does not take: 400" equals "$(get "/movements/$MV/entries" -b "$(jar ward)" -X POST --data-urlencode "csrf=$mt" -d subject=individual:0 -d name=X -d commitment=x)" 400
RT=$(api_token resident@demo)
HID=$(get /api/v1/me -H "Authorization: Bearer $RT" >/dev/null; json 'j.household.id')
ok "a representative registers its household" equals "$(get "/api/v1/movements/$MV/entries" -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' -d "{\"subject\":{\"kind\":\"household\",\"ref\":$HID},\"commitment\":\"Giữ vệ sinh đoạn hẻm trước nhà\"}")" 201
E=$(json 'j.id')
OTHERH=$(get "/api/v1/households?unit=$DT&limit=5" -H "Authorization: Bearer $(api_token head@demo)" >/dev/null; json "j.households.find(h=>h.id!=$HID).id")
ok "not a neighbor's: 403" equals "$(get "/api/v1/movements/$MV/entries" -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' -d "{\"subject\":{\"kind\":\"household\",\"ref\":$OTHERH},\"commitment\":\"x\"}")" 403
ok "its progress" equals "$(get "/api/v1/movement-entries/$E/progress" -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' -d '{"text":"Đã dọn hẻm hai lần"}')" 200
ok "progress on a day to come: 400" equals "$(get "/api/v1/movement-entries/$E/progress" -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' -d "{\"on\":\"$(vn_day 2)\",\"text\":\"x\"}")" 400
ok "the public does not see households' parts" equals "$(get "/api/v1/movements/$MV")" 200
ok "(units only)" equals "$(json 'j.taking_part.every(e=>e.subject.kind==="unit"||e.subject.kind==="organization")')" "true"
ok "no evaluation before the end: 409" equals "$(get "/api/v1/movement-entries/$E/evaluate" -H "Authorization: Bearer $(api_token admin@demo)" -H 'Content-Type: application/json' -d '{"result":"excellent"}')" 409
# launching
lt=$(csrf_of ward "/units/$TDH/movements/new")
ok "the launch form" equals "$(get "/units/$TDH/movements/new" -b "$(jar ward)")" 200
ok "ending before it begins: 400" equals "$(get "/units/$TDH/movements" -b "$(jar ward)" -X POST --data-urlencode "csrf=$lt" --data-urlencode 'name=Tháng hành động vì môi trường' -d criteria=x -d part_unit=1 -d part_household=1 -d "starts_on=$(vn_day 10)" -d "ends_on=$(vn_day 5)")" 400
ok "nobody to take part: 400" equals "$(get "/units/$TDH/movements" -b "$(jar ward)" -X POST --data-urlencode "csrf=$lt" --data-urlencode 'name=Tháng hành động' -d criteria=x -d "starts_on=$(vn_day 0)" -d "ends_on=$(vn_day 30)")" 400
ok "launched" equals "$(get "/units/$TDH/movements" -b "$(jar ward)" -X POST --data-urlencode "csrf=$lt" --data-urlencode 'name=Tháng hành động vì môi trường' --data-urlencode 'criteria=Mỗi hộ phân loại rác tại nguồn' -d part_unit=1 -d part_household=1 -d "starts_on=$(vn_day 0)" -d "ends_on=$(vn_day 30)")" 303
ok "organizations may take part, the ward launches it" equals "$(get "/units/$TDH/movements" -b "$(jar ward)" -X POST --data-urlencode "csrf=$lt" --data-urlencode 'name=Thi đua dân vận khéo của các đoàn thể' --data-urlencode 'criteria=Mỗi đoàn thể một mô hình' -d organization= -d part_organization=1 -d "starts_on=$(vn_day 0)" -d "ends_on=$(vn_day 30)")" 303
MV2=$(sed -n 's/^location: \/movements\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "(its page)" equals "$(get "/api/v1/movements/$MV2")" 200
ok "(launched by the ward, for organizations)" equals "$(json '[j.organization, j.participants.join(",")].join("|")')" "|organization"
ok "a head may not launch: 404" equals "$(get "/units/$TDH/movements/new" -b "$(jar head)")" 404
