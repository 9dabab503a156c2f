#!/bin/bash
# The household registry, invitation slips and roles, through the browser's eyes.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 400 --seed 5 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
ok "head logs in" equals "$(login_as head head@demo)" 303
ok "resident logs in" equals "$(login_as res resident@demo)" 303
ok "ward officer logs in" equals "$(login_as ward ward@demo)" 303

get /api/v1/units?q=dong%20tac >/dev/null
DT=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Đông Tác".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=chieu%20lieu' >/dev/null
CL=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Chiêu Liêu".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=binh%20an' >/dev/null
BA=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Bình An".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=tan%20dong%20hiep' >/dev/null
TDH=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Tân Đông Hiệp".*/\1/p' "$T_DIR/body")
ok "found the units" test -n "$DT" -a -n "$CL" -a -n "$BA" -a -n "$TDH"

# who sees the list
ok "the head sees the unit's tools" equals "$(get "/units/$DT" -b "$(jar head)")" 200
ok "a link to the households" contains "$T_DIR/body" "/units/$DT/households"
ok "the public does not" equals "$(get "/units/$DT")" 200
ok "(no tools)" lacks "$T_DIR/body" "/units/$DT/households"
ok "the head's household list" equals "$(get "/units/$DT/households" -b "$(jar head)")" 200
ok "lists households with their representatives" grep -q 'href="/households/[0-9]*"' "$T_DIR/body"
ok "another neighborhood's list: 404 for the head" equals "$(get "/units/$CL/households" -b "$(jar head)")" 404
ok "a resident has no list: 404" equals "$(get "/units/$DT/households" -b "$(jar res)")" 404
ok "anonymous: sent to log in" equals "$(get "/units/$DT/households")" 303
ok "the ward officer pages through the ward" equals "$(get "/units/$TDH/households" -b "$(jar ward)")" 200
ok "with a next page" contains "$T_DIR/body" "?page=2"
ok "page 2" equals "$(get "/units/$TDH/households?page=2" -b "$(jar ward)")" 200
ok "has a previous page" contains "$T_DIR/body" "?page=1"

# folded search over members' names
get "/units/$DT/households" -b "$(jar head)" >/dev/null
first=$(grep -o 'href="/households/[0-9]*"' "$T_DIR/body" | head -1 | grep -o '[0-9]*')
get "/households/$first" -b "$(jar head)" >/dev/null
name=$(grep -o '/residents/[0-9]*/edit">[^<]*' "$T_DIR/body" | head -1 | sed 's/.*">//')
folded=$(echo "$name" | iconv -f utf-8 -t ascii//TRANSLIT 2>/dev/null | tr 'A-Z' 'a-z')
ok "search by a member's name without diacritics ($folded)" \
	equals "$(get "/units/$DT/households?q=$(echo "$folded" | sed 's/ /%20/g')" -b "$(jar head)")" 200
ok "finds the household" contains "$T_DIR/body" "/households/$first\""

# adding a household (and the public page, served from memory, follows at once)
get "/units/$DT" >/dev/null; get "/units/$DT" >/dev/null
before=$(grep -o '<strong>[0-9.]*</strong>hộ' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
t=$(csrf_of head "/units/$DT/households/new")
ok "no CSRF token: refused" equals "$(get "/units/$DT/households" -b "$(jar head)" -X POST -d 'address=Số 1')" 403
ok "an empty address is refused" equals "$(get "/units/$DT/households" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" -d 'address=&code=HK-T-1')" 400
ok "the error is next to the field" contains "$T_DIR/body" 'id="e-address"'
ok "and what was typed is kept" contains "$T_DIR/body" 'value="HK-T-1"'
ok "add a household" equals "$(get "/units/$DT/households" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" --data-urlencode 'address=Số 99, đường Mồi' -d 'code=HK-T-1')" 303
NEW=$(sed -n 's/^location: \/households\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
get "/units/$DT" >/dev/null
ok "the public count follows the write at once" contains "$T_DIR/body" "<strong>$((before + 1))</strong>hộ"
ok "it gets its page" equals "$(get "/households/$NEW" -b "$(jar head)")" 200
ok "with the address" contains "$T_DIR/body" "Số 99, đường Mồi"
ok "the same code again is refused" equals "$(get "/units/$DT/households" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" --data-urlencode 'address=Số 100' -d 'code=HK-T-1')" 409

# members
ok "a bad phone is refused" equals "$(get "/households/$NEW/residents" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" --data-urlencode 'full_name=Đặng Thị Thu Trang' -d 'gender=female' --data-urlencode 'relation=Chủ hộ' -d 'phone=12345')" 400
ok "next to the phone field" contains "$T_DIR/body" 'id="e-phone"'
ok "keeping the typed name" contains "$T_DIR/body" 'value="Đặng Thị Thu Trang"'
ok "add the head of household" equals "$(get "/households/$NEW/residents" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" --data-urlencode 'full_name=Đặng Thị Thu Trang' -d 'gender=female&birth_date=05/03/1962' --data-urlencode 'relation=Chủ hộ' -d 'phone=0912 000 999')" 303
ok "add a son" equals "$(get "/households/$NEW/residents" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" --data-urlencode 'full_name=Lê Minh Tâm' -d 'gender=male&birth_date=2001-08-19' --data-urlencode 'relation=Con')" 303
get "/households/$NEW" -b "$(jar head)" >/dev/null
ok "the household lists both" grep -q "Lê Minh Tâm" "$T_DIR/body"
ok "the Chủ hộ became the representative" grep -q 'Đặng Thị Thu Trang</a> <span class="badge">' "$T_DIR/body"
ok "birth dates as dd/mm/yyyy" contains "$T_DIR/body" "19/08/2001"
son=$(grep -o '/residents/[0-9]*/edit">Lê Minh Tâm' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
ok "the resident's page" equals "$(get "/residents/$son/edit" -b "$(jar head)")" 200
ok "an impossible date is refused" equals "$(get "/residents/$son/status" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" -d 'status=moved&date=31/02/2025')" 400
ok "mark him moved away" equals "$(get "/residents/$son/status" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" -d 'status=moved&date=01/09/2025')" 303
get "/households/$NEW" -b "$(jar head)" >/dev/null
ok "shown as moved, with the date" contains "$T_DIR/body" "Đã chuyển đi 01/09/2025"
ok "rename" equals "$(get "/residents/$son" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" --data-urlencode 'full_name=Lê Minh Tâm Anh' -d 'gender=male&birth_date=19/08/2001' --data-urlencode 'relation=Con')" 303
ok "a representative that is not an id: 400" equals "$(get "/households/$NEW/representative" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" -d 'resident=0x12')" 400
ok "moving to an unknown household code is refused" equals "$(get "/residents/$son/move" -b "$(jar head)" -X POST --data-urlencode "csrf=$t" -d 'household=NO-SUCH')" 400

# what others may not do
ok "the ward officer opens a household of its ward" equals "$(get "/households/$NEW" -b "$(jar ward)")" 200
ok "the Tân Đông Hiệp officer cannot list Bình An" equals "$(get "/units/$BA/households" -b "$(jar ward)")" 404
ok "a resident cannot read another household" equals "$(get "/households/$NEW" -b "$(jar res)")" 404
t2=$(csrf_of res /me)
ok "nor add a member to it" equals "$(get "/households/$NEW/residents" -b "$(jar res)" -X POST --data-urlencode "csrf=$t2" -d 'full_name=X&gender=male&relation=Con')" 404

# invitation slips
ok "the invitations page" equals "$(get "/units/$DT/invitations" -b "$(jar head)")" 200
ok "print the slips" equals "$(get "/units/$DT/invitations" -b "$(jar head)" -X POST --data-urlencode "csrf=$t")" 200
cp "$T_DIR/body" "$T_DIR/slips.pdf"
ok "a PDF" grep -qi '^content-type: application/pdf' "$T_DIR/head"
pdftotext -layout "$T_DIR/slips.pdf" "$T_DIR/slips.txt"
ok "with the new household's address" contains "$T_DIR/slips.txt" "Số 99, đường Mồi"
pdftoppm -r 150 -png "$T_DIR/slips.pdf" "$T_DIR/slip"
zbarimg -q --raw "$T_DIR"/slip-*.png >"$T_DIR/urls" 2>/dev/null
URL=$(grep -m1 "/claim/" "$T_DIR/urls")
ok "the QR codes hold claim links to this server" grep -q "^http://127.0.0.1:$T_PORT/claim/" "$T_DIR/urls"
ok "the claim page" equals "$(curl -s -o "$T_DIR/body" -w '%{http_code}' -c "$(jar new)" -b "$(jar new)" "$URL")" 200
tn=$(grep -o 'name="csrf" value="[^"]*"' "$T_DIR/body" | head -1 | sed 's/.*value="//; s/"$//')
ok "two different passwords" equals "$(curl -s -o "$T_DIR/body" -w '%{http_code}' -b "$(jar new)" -c "$(jar new)" --data-urlencode "csrf=$tn" -d 'display_name=A&login=0977000111&password=mat-khau-moi&confirm=khac-nhau-1' "$URL")" 400
ok "claim it" equals "$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar new)" -c "$(jar new)" --data-urlencode "csrf=$tn" --data-urlencode 'display_name=Đại diện mới' -d 'login=0977000111&password=mat-khau-moi&confirm=mat-khau-moi' "$URL")" 303
ok "and be logged in to the household" equals "$(get /me -b "$(jar new)")" 200
ok "my household" contains "$T_DIR/body" "Hộ gia đình của tôi"
ok "the slip works once" equals "$(curl -s -o "$T_DIR/body" -w '%{http_code}' "$URL")" 410
ok "says so" contains "$T_DIR/body" "Giấy mời này đã được dùng."
ok "a made-up code: 404" equals "$(get /claim/ZZZZ-ZZZZ)" 404
ok "the code form sends to the code" equals "$(get '/claim?code=zzzz-zzzz')" 303
for i in 1 2 3 4 5; do curl -s -o /dev/null -c "$(jar g)" -b "$(jar g)" "http://127.0.0.1:$T_PORT/claim"; done
tg=$(csrf_of g /login)
for i in 1 2 3 4 5; do get "/claim/WRONG-$i$i$i$i" -b "$(jar g)" -X POST --data-urlencode "csrf=$tg" -d 'login=0977000222&password=mat-khau-moi&confirm=mat-khau-moi' >/dev/null; done
ok "guessing codes is throttled: 429" equals "$(get /claim/WRONG-9999 -b "$(jar g)" -X POST --data-urlencode "csrf=$tg" -d 'login=0977000222&password=mat-khau-moi&confirm=mat-khau-moi')" 429

# roles
tw=$(csrf_of ward "/units/$TDH/roles")
ok "the roles page" equals "$(get "/units/$TDH/roles" -b "$(jar ward)")" 200
ok "lists the ward officer" contains "$T_DIR/body" "ward@demo"
ok "offers roles a ward officer may give" contains "$T_DIR/body" '<option value="head">'
ok "but not its own" lacks "$T_DIR/body" '<option value="ward_officer">'
ok "give the new account the front committee role" equals "$(get "/units/$TDH/roles" -b "$(jar ward)" -X POST --data-urlencode "csrf=$tw" -d 'login=0977000111&role=front')" 303
ok "refuse a role it may not give" equals "$(get "/units/$TDH/roles" -b "$(jar ward)" -X POST --data-urlencode "csrf=$tw" -d 'login=0977000111&role=city_admin')" 403
ok "an unknown login" equals "$(get "/units/$TDH/roles" -b "$(jar ward)" -X POST --data-urlencode "csrf=$tw" -d 'login=0999999999&role=head')" 400
ok "the head has no roles page for the ward" equals "$(get "/units/$TDH/roles" -b "$(jar head)")" 404

# CSV import through the browser: the same per-line errors as the command line
ti=$(csrf_of ward "/units/$TDH/import")
ok "the import page" equals "$(get "/units/$TDH/import" -b "$(jar ward)")" 200
ok "asks for a file" contains "$T_DIR/body" 'enctype="multipart/form-data"'
printf '%s\r\n' "Mã hộ,Khu phố,Địa chỉ,Họ tên,Ngày sinh,Giới tính,Quan hệ" \
	"IMP-1,Đông Tác,Số 1 Trần Hưng Đạo,Trần Văn Lộc,31/02/1970,Nam,Chủ hộ" \
	"IMP-2,Chiêu Liêu,Số 2 Trần Hưng Đạo,Lý Thị Mến,01/02/1980,Nữ,Chủ hộ" >"$T_DIR/w.csv"
ok "a file with a bad row is refused" equals "$(get "/units/$TDH/import" -b "$(jar ward)" -F "csrf=$ti" -F "file=@$T_DIR/w.csv;type=text/csv")" 400
ok "naming the line" grep -q '<td class="num">2</td><td>Ngày sinh</td>' "$T_DIR/body"
ok "and nothing was imported" equals "$(get "/units/$TDH/households?q=IMP-2" -b "$(jar ward)")" 200
ok "(IMP-2 absent)" lacks "$T_DIR/body" "Số 2 Trần Hưng Đạo"
ok "the valid households alone" equals "$(get "/units/$TDH/import" -b "$(jar ward)" -F "csrf=$ti" -F skip_bad=1 -F "file=@$T_DIR/w.csv;type=text/csv")" 200
ok "says what was imported" contains "$T_DIR/body" "Đã nhập 1 hộ và 1 nhân khẩu từ 2 dòng."
ok "IMP-2 is in" equals "$(get "/units/$TDH/households?q=IMP-2" -b "$(jar ward)")" 200
ok "(listed)" contains "$T_DIR/body" "Số 2 Trần Hưng Đạo"
ok "an upload without the CSRF token is refused" equals "$(get "/units/$TDH/import" -b "$(jar ward)" -F "file=@$T_DIR/w.csv")" 403
ok "no file chosen" equals "$(get "/units/$TDH/import" -b "$(jar ward)" -F "csrf=$ti" -F skip_bad=1)" 400
ok "a head cannot import into the ward" equals "$(get "/units/$TDH/import" -b "$(jar head)")" 404
head -c 1200000 /dev/zero | tr '\0' 'a' >"$T_DIR/big.txt"
ok "a big body on a form that takes no upload: 413" equals "$(get "/units/$DT/households" -b "$(jar head)" -X POST --data-binary @"$T_DIR/big.txt")" 413
