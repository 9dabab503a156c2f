#!/bin/bash
# JSON API v1 for households, residents and invitations (docs/openapi.yaml):
# what each caller may read and change, the error shape, and claiming an
# account with an invitation.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 300 --seed 9 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2

# api METHOD PATH TOKEN [JSON]: like get, with a bearer token when TOKEN is
# not empty and the JSON as the body.
api() {
	local method=$1 path=$2 token=$3
	shift 3
	local args=(-X "$method")
	[ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
	[ $# -gt 0 ] && args+=(-H 'Content-Type: application/json' --data-binary "$1")
	get "$path" "${args[@]}"
}
# The first "id" of the JSON body (the record it is about).
body_id() { sed -n 's/^{"[a-z]*":{"id":\([0-9]*\),.*/\1/p' "$T_DIR/body"; }
# An error of this code naming this field.
error_is() { contains "$T_DIR/body" "{\"error\":{\"code\":\"$1\"" && contains "$T_DIR/body" "\"field\":\"$2\"}}"; }
unit_id() { # unit_id KIND NAME-FOLDED NAME
	get "/api/v1/units?q=$(echo "$2" | sed 's/ /%20/g')" >/dev/null
	sed -n "s/.*\"id\":\([0-9]*\),\"kind\":\"$1\",\"name\":\"$3\".*/\1/p" "$T_DIR/body"
}

DT=$(unit_id neighborhood "dong tac" "Đông Tác")
BA=$(unit_id ward "binh an" "Bình An")
TDH=$(unit_id ward "tan dong hiep" "Tân Đông Hiệp")
ok "found the units" test -n "$DT" -a -n "$BA" -a -n "$TDH"
HEAD=$(api_token head@demo)
FRONT=$(api_token front@demo)
RES=$(api_token resident@demo)
WARD=$(api_token ward@demo)
ADMIN=$(api_token admin@demo)
ok "tokens for every role" test -n "$HEAD" -a -n "$FRONT" -a -n "$RES" -a -n "$WARD" -a -n "$ADMIN"
api GET /api/v1/me "$RES" >/dev/null
OWN=$(sed -n 's/.*"household":{"id":\([0-9]*\),.*/\1/p' "$T_DIR/body")
ok "the resident's household" test -n "$OWN"
api GET "/api/v1/households?unit=$BA&limit=1" "$ADMIN" >/dev/null
FAR=$(sed -n 's/^{"households":\[{"id":\([0-9]*\),.*/\1/p' "$T_DIR/body")
ok "a household of Bình An" test -n "$FAR"
api GET "/api/v1/households/$FAR" "$ADMIN" >/dev/null
FAR_RES=$(sed -n 's/.*"residents":\[{"id":\([0-9]*\),.*/\1/p' "$T_DIR/body")
ok "and one of its residents" test -n "$FAR_RES"
FAR_UNIT=$(sed -n 's/^{"household":{"id":[0-9]*,"unit":\([0-9]*\),.*/\1/p' "$T_DIR/body")
ok "and its unit" test -n "$FAR_UNIT"

# ---------------------------------------------------------------- no token
for route in "GET /api/v1/households?unit=$DT" "POST /api/v1/households" \
	"GET /api/v1/households/$OWN" "PATCH /api/v1/households/$OWN" \
	"POST /api/v1/households/$OWN/residents" "GET /api/v1/residents/$FAR_RES" \
	"PATCH /api/v1/residents/$FAR_RES" "POST /api/v1/residents/$FAR_RES/status" \
	"POST /api/v1/residents/$FAR_RES/move" "POST /api/v1/units/$DT/invitations"; do
	ok "no token: $route is 401" equals "$(api ${route% *} "${route#* }" "" '{}')" 401
	ok "(unauthorized)" contains "$T_DIR/body" '{"error":{"code":"unauthorized"'
done
ok "a made-up token: 401" equals "$(api GET "/api/v1/households/$OWN" made-up-token)" 401

# ------------------------------------------------------------- the list
api GET "/api/v1/units/$DT" "" >/dev/null
N=$(sed -n 's/^{"unit":{"id":[0-9]*,"kind":"neighborhood","name":"Đông Tác","status":"active","households":\([0-9]*\),.*/\1/p' "$T_DIR/body")
ok "Đông Tác has households ($N)" test "${N:-0}" -ge 3
ok "the head lists Đông Tác" equals "$(api GET "/api/v1/households?unit=$DT" "$HEAD")" 200
ok "all of them" equals "$(grep -o '"status":"active","members"' "$T_DIR/body" | wc -l)" "$N"
ok "and no more" contains "$T_DIR/body" '"more":false}'
ok "limit = all: no next page" equals "$(api GET "/api/v1/households?unit=$DT&limit=$N" "$HEAD")" 200
ok "(more false)" contains "$T_DIR/body" '"more":false}'
ok "limit = all - 1: a next page" equals "$(api GET "/api/v1/households?unit=$DT&limit=$((N - 1))" "$HEAD")" 200
ok "(more true)" contains "$T_DIR/body" '"more":true}'
ok "with all - 1 households" equals "$(grep -o '"members"' "$T_DIR/body" | wc -l)" "$((N - 1))"
ok "the last one at offset all - 1" equals "$(api GET "/api/v1/households?unit=$DT&offset=$((N - 1))&limit=$((N - 1))" "$HEAD")" 200
ok "is one household" equals "$(grep -o '"members"' "$T_DIR/body" | wc -l)" 1
ok "and the end" contains "$T_DIR/body" '"more":false}'
ok "limit 200 is the most" equals "$(api GET "/api/v1/households?unit=$TDH&limit=200" "$WARD")" 200
ok "limit 201 is refused" equals "$(api GET "/api/v1/households?unit=$TDH&limit=201" "$WARD")" 400
ok "naming limit" error_is invalid limit
ok "limit 0 is refused" equals "$(api GET "/api/v1/households?unit=$DT&limit=0" "$HEAD")" 400
ok "limit abc is refused" equals "$(api GET "/api/v1/households?unit=$DT&limit=abc" "$HEAD")" 400
ok "a negative offset is refused" equals "$(api GET "/api/v1/households?unit=$DT&offset=-1" "$HEAD")" 400
ok "naming offset" error_is invalid offset
ok "offset 1x is refused" equals "$(api GET "/api/v1/households?unit=$DT&offset=1x" "$HEAD")" 400
ok "no unit: 400" equals "$(api GET /api/v1/households "$HEAD")" 400
ok "naming unit" error_is invalid unit
ok "unit=abc: 400" equals "$(api GET '/api/v1/households?unit=abc' "$HEAD")" 400
ok "naming unit" error_is invalid unit
ok "an unknown unit: 404" equals "$(api GET '/api/v1/households?unit=999999' "$HEAD")" 404
ok "another ward's unit: 404 for the head" equals "$(api GET "/api/v1/households?unit=$BA" "$HEAD")" 404
ok "(not_found, not forbidden)" contains "$T_DIR/body" '{"error":{"code":"not_found"'
ok "the ward above: 404 for the head" equals "$(api GET "/api/v1/households?unit=$TDH" "$HEAD")" 404
ok "the resident's own unit: 404" equals "$(api GET "/api/v1/households?unit=$DT" "$RES")" 404

# ---------------------------------------------------------- a new household
ok "malformed JSON: 400" equals "$(api POST /api/v1/households "$HEAD" '{"unit":')" 400
ok "(invalid)" contains "$T_DIR/body" '{"error":{"code":"invalid"'
ok "a JSON array: 400" equals "$(api POST /api/v1/households "$HEAD" "[$DT]")" 400
ok "not JSON: 400" equals "$(get /api/v1/households -X POST -H "Authorization: Bearer $HEAD" -H 'Content-Type: text/plain' -d 'unit=1')" 400
ok "unit as a string: 400" equals "$(api POST /api/v1/households "$HEAD" "{\"unit\":\"$DT\",\"address\":\"Số 1\"}")" 400
ok "naming unit" error_is invalid unit
ok "unit as a fraction: 400" equals "$(api POST /api/v1/households "$HEAD" "{\"unit\":$DT.5,\"address\":\"Số 1\"}")" 400
ok "naming unit" error_is invalid unit
ok "address as a number: 400" equals "$(api POST /api/v1/households "$HEAD" "{\"unit\":$DT,\"address\":12}")" 400
ok "naming address" error_is invalid address
ok "code as a list: 400" equals "$(api POST /api/v1/households "$HEAD" "{\"unit\":$DT,\"address\":\"Số 1\",\"code\":[\"x\"]}")" 400
ok "naming code" error_is invalid code
ok "no unit: 400" equals "$(api POST /api/v1/households "$HEAD" '{"address":"Số 1"}')" 400
ok "naming unit" error_is invalid unit
ok "an empty address: 400 from the domain" equals "$(api POST /api/v1/households "$HEAD" "{\"unit\":$DT,\"address\":\"  \"}")" 400
ok "naming address" error_is invalid address
ok "a ward is not a home: 400" equals "$(api POST /api/v1/households "$HEAD" "{\"unit\":$TDH,\"address\":\"Số 1\"}")" 400
ok "naming unit" error_is invalid unit
ok "the head adds a household" equals "$(api POST /api/v1/households "$HEAD" "{\"unit\":$DT,\"address\":\"Số 99,  đường Mồi\",\"code\":\"HK-API-1\",\"unknown\":[1,2]}")" 201
NEW=$(body_id)
ok "it has an id" test -n "$NEW"
ok "where it lives" grep -q "^location: /api/v1/households/$NEW.\$" "$T_DIR/head"
ok "the address cleaned" contains "$T_DIR/body" '"address":"Số 99, đường Mồi"'
ok "the code" contains "$T_DIR/body" '"code":"HK-API-1"'
ok "in Đông Tác, no members yet" contains "$T_DIR/body" "\"unit\":$DT,\"ward\":$TDH,\"address\""
ok "the same code again: 409" equals "$(api POST /api/v1/households "$HEAD" "{\"unit\":$DT,\"address\":\"Số 100\",\"code\":\"HK-API-1\"}")" 409
ok "naming code" error_is conflict code
# 403: units are public (GET /api/v1/units), so refusing the write hides
# nothing; the domain's answer (edit_households) goes through as it is.
ok "the resident cannot add one: 403" equals "$(api POST /api/v1/households "$RES" "{\"unit\":$DT,\"address\":\"Số 5\"}")" 403
ok "(forbidden)" contains "$T_DIR/body" '{"error":{"code":"forbidden"'
ok "nor can the front committee: 403" equals "$(api POST /api/v1/households "$FRONT" "{\"unit\":$DT,\"address\":\"Số 5\"}")" 403
ok "nor the head in another ward: 403" equals "$(api POST /api/v1/households "$HEAD" "{\"unit\":$FAR_UNIT,\"address\":\"Số 5\"}")" 403

# ------------------------------------------------------- members
ok "a resident with a bad phone: 400" equals "$(api POST "/api/v1/households/$NEW/residents" "$HEAD" '{"full_name":"Đặng Thị Thu Trang","gender":"female","relation":"Chủ hộ","phone":"12345"}')" 400
ok "naming phone" error_is invalid phone
ok "an impossible birth date: 400" equals "$(api POST "/api/v1/households/$NEW/residents" "$HEAD" '{"full_name":"Đặng Thị Thu Trang","gender":"female","relation":"Chủ hộ","birth_date":"30/02/1962"}')" 400
ok "naming birth_date" error_is invalid birth_date
ok "a name as a number: 400" equals "$(api POST "/api/v1/households/$NEW/residents" "$HEAD" '{"full_name":7,"gender":"female","relation":"Chủ hộ"}')" 400
ok "naming full_name" error_is invalid full_name
ok "representative as a string: 400" equals "$(api POST "/api/v1/households/$NEW/residents" "$HEAD" '{"full_name":"Lê Văn Ba","gender":"male","relation":"Con","representative":"yes"}')" 400
ok "naming representative" error_is invalid representative
ok "add the head of household" equals "$(api POST "/api/v1/households/$NEW/residents" "$HEAD" '{"full_name":"Đặng Thị Thu Trang","birth_date":"05/03/1962","gender":"nữ","relation":"Chủ hộ","phone":"0912 000 999","national_id":"074162000111"}')" 201
MOTHER=$(body_id)
ok "where she lives" grep -q "^location: /api/v1/residents/$MOTHER.\$" "$T_DIR/head"
ok "gender normalized" contains "$T_DIR/body" '"gender":"female"'
ok "the Chủ hộ is the representative" contains "$T_DIR/body" '"representative":true'
ok "birth date in ISO form" contains "$T_DIR/body" '"birth_date":"1962-03-05"'
ok "the phone normalized" contains "$T_DIR/body" '"phone":"0912000999"'
ok "the national ID" contains "$T_DIR/body" '"national_id":"074162000111"'
ok "add a son as the representative" equals "$(api POST "/api/v1/households/$NEW/residents" "$HEAD" '{"full_name":"Lê Minh Tâm","birth_date":"2001-08-19","gender":"male","relation":"Con","representative":true}')" 201
SON=$(body_id)
ok "he represents the household now" contains "$T_DIR/body" '"representative":true'
ok "and a daughter" equals "$(api POST "/api/v1/households/$NEW/residents" "$HEAD" '{"full_name":"Lê Thu Hà","gender":"female","relation":"Con"}')" 201
DAUGHTER=$(body_id)
ok "with no birth date, phone or ID" contains "$T_DIR/body" '"birth_date":null,"phone":null,"national_id":null}'
ok "a member of an unknown household: 404" equals "$(api POST /api/v1/households/999999/residents "$HEAD" '{"full_name":"Lê Văn Ba","gender":"male","relation":"Con"}')" 404
ok "of another ward's household: 404" equals "$(api POST "/api/v1/households/$FAR/residents" "$HEAD" '{"full_name":"Lê Văn Ba","gender":"male","relation":"Con"}')" 404
ok "the resident cannot add to another household: 404" equals "$(api POST "/api/v1/households/$NEW/residents" "$RES" '{"full_name":"Lê Văn Ba","gender":"male","relation":"Con"}')" 404
ok "nor to its own: 403" equals "$(api POST "/api/v1/households/$OWN/residents" "$RES" '{"full_name":"Lê Văn Ba","gender":"male","relation":"Con"}')" 403

# ------------------------------------------------------- reading one household
ok "the head reads the household" equals "$(api GET "/api/v1/households/$NEW" "$HEAD")" 200
ok "the representative is the son" contains "$T_DIR/body" "\"representative\":{\"id\":$SON,\"full_name\":\"Lê Minh Tâm\"}"
ok "three members" contains "$T_DIR/body" '"members":3,'
ok "listed" equals "$(grep -o '"household":'"$NEW"',"full_name"' "$T_DIR/body" | wc -l)" 3
ok "with personal data for the head: national ID" contains "$T_DIR/body" '"national_id":"074162000111"'
ok "phone" contains "$T_DIR/body" '"phone":"0912000999"'
ok "birth date" contains "$T_DIR/body" '"birth_date":"1962-03-05"'
ok "the front committee reads the same household" equals "$(api GET "/api/v1/households/$NEW" "$FRONT")" 200
ok "with the members" contains "$T_DIR/body" '"full_name":"Đặng Thị Thu Trang"'
ok "but no national ID" lacks "$T_DIR/body" '"national_id"|074162000111'
ok "no phone" lacks "$T_DIR/body" '"phone"|0912000999'
ok "no birth date" lacks "$T_DIR/body" '"birth_date"|1962-03-05'
ok "nor on the resident alone" equals "$(api GET "/api/v1/residents/$MOTHER" "$FRONT")" 200
ok "(name yes, personal data no)" sh -c "grep -q '\"full_name\":\"Đặng Thị Thu Trang\"' '$T_DIR/body' && ! grep -Eq 'national_id|phone|birth_date' '$T_DIR/body'"
ok "the head reads the resident" equals "$(api GET "/api/v1/residents/$MOTHER" "$HEAD")" 200
ok "with the national ID" contains "$T_DIR/body" '"national_id":"074162000111"'
ok "the resident reads its own household" equals "$(api GET "/api/v1/households/$OWN" "$RES")" 200
ok "with its own personal data" contains "$T_DIR/body" '"national_id":'
ok "the resident reading another household: 404" equals "$(api GET "/api/v1/households/$NEW" "$RES")" 404
ok "(not_found)" contains "$T_DIR/body" '{"error":{"code":"not_found"'
ok "or one of its residents: 404" equals "$(api GET "/api/v1/residents/$MOTHER" "$RES")" 404
ok "the head reading another ward's household: 404" equals "$(api GET "/api/v1/households/$FAR" "$HEAD")" 404
ok "or its resident: 404" equals "$(api GET "/api/v1/residents/$FAR_RES" "$HEAD")" 404
ok "the Tân Đông Hiệp officer reading Bình An: 404" equals "$(api GET "/api/v1/households/$FAR" "$WARD")" 404
ok "the city administrator reads it" equals "$(api GET "/api/v1/households/$FAR" "$ADMIN")" 200
ok "an unknown household: 404" equals "$(api GET /api/v1/households/999999 "$HEAD")" 404
ok "an unknown resident: 404" equals "$(api GET /api/v1/residents/999999 "$HEAD")" 404

# ------------------------------------------------------- changing a household
ok "PATCH the address only" equals "$(api PATCH "/api/v1/households/$NEW" "$HEAD" '{"address":"Số 101, đường Mồi"}')" 200
ok "the address changed" contains "$T_DIR/body" '"address":"Số 101, đường Mồi"'
ok "the code kept" contains "$T_DIR/body" '"code":"HK-API-1"'
ok "PATCH the code only" equals "$(api PATCH "/api/v1/households/$NEW" "$HEAD" '{"code":"HK-API-2"}')" 200
ok "the code changed" contains "$T_DIR/body" '"code":"HK-API-2"'
ok "the address kept" contains "$T_DIR/body" '"address":"Số 101, đường Mồi"'
ok "an empty code clears it" equals "$(api PATCH "/api/v1/households/$NEW" "$HEAD" '{"code":""}')" 200
ok "(code null)" contains "$T_DIR/body" '"code":null'
ok "an empty address: 400" equals "$(api PATCH "/api/v1/households/$NEW" "$HEAD" '{"address":""}')" 400
ok "naming address" error_is invalid address
ok "the code as a number: 400" equals "$(api PATCH "/api/v1/households/$NEW" "$HEAD" '{"code":5}')" 400
ok "naming code" error_is invalid code
ok "malformed JSON: 400" equals "$(api PATCH "/api/v1/households/$NEW" "$HEAD" '{"code":"x"')" 400
api GET "/api/v1/households/$OWN" "$HEAD" >/dev/null
OWN_CODE=$(sed -n 's/^{"household":{[^}]*"code":"\([^"]*\)".*/\1/p' "$T_DIR/body")
ok "the resident's household has a code" test -n "$OWN_CODE"
ok "a code another household has: 409" equals "$(api PATCH "/api/v1/households/$NEW" "$HEAD" "{\"code\":\"$OWN_CODE\"}")" 409
ok "naming code" error_is conflict code
ok "the front committee may read but not change: 403" equals "$(api PATCH "/api/v1/households/$NEW" "$FRONT" '{"code":"HK-F"}')" 403
ok "the resident, another household: 404" equals "$(api PATCH "/api/v1/households/$NEW" "$RES" '{"code":"HK-R"}')" 404
ok "its own: 403" equals "$(api PATCH "/api/v1/households/$OWN" "$RES" '{"code":"HK-R"}')" 403
ok "the head, another ward's household: 404" equals "$(api PATCH "/api/v1/households/$FAR" "$HEAD" '{"code":"HK-H"}')" 404
api GET "/api/v1/households/$NEW" "$HEAD" >/dev/null
ok "nothing changed by the refusals" contains "$T_DIR/body" '"address":"Số 101, đường Mồi","status":"active","members":3,"code":null'

# ------------------------------------------------------- changing a resident
ok "PATCH the daughter's phone only" equals "$(api PATCH "/api/v1/residents/$DAUGHTER" "$HEAD" '{"phone":"+84 912 345 678"}')" 200
ok "the phone set" contains "$T_DIR/body" '"phone":"0912345678"'
ok "the name kept" contains "$T_DIR/body" '"full_name":"Lê Thu Hà"'
ok "PATCH the mother's name only" equals "$(api PATCH "/api/v1/residents/$MOTHER" "$HEAD" '{"full_name":"Đặng Thị Thu  Trang Anh","unknown":1}')" 200
ok "the name changed" contains "$T_DIR/body" '"full_name":"Đặng Thị Thu Trang Anh"'
ok "the birth date kept" contains "$T_DIR/body" '"birth_date":"1962-03-05"'
ok "the phone kept" contains "$T_DIR/body" '"phone":"0912000999"'
ok "the national ID kept" contains "$T_DIR/body" '"national_id":"074162000111"'
ok "the relation kept" contains "$T_DIR/body" '"relation":"Chủ hộ"'
ok "a birth date in the future: 400" equals "$(api PATCH "/api/v1/residents/$MOTHER" "$HEAD" '{"birth_date":"01/01/2999"}')" 400
ok "naming birth_date" error_is invalid birth_date
ok "a birth date as a number: 400" equals "$(api PATCH "/api/v1/residents/$MOTHER" "$HEAD" '{"birth_date":19620305}')" 400
ok "naming birth_date" error_is invalid birth_date
ok "a short national ID: 400" equals "$(api PATCH "/api/v1/residents/$MOTHER" "$HEAD" '{"national_id":"0741"}')" 400
ok "naming national_id" error_is invalid national_id
ok "the front committee: 403" equals "$(api PATCH "/api/v1/residents/$MOTHER" "$FRONT" '{"relation":"Vợ"}')" 403
ok "the resident: 404" equals "$(api PATCH "/api/v1/residents/$MOTHER" "$RES" '{"relation":"Vợ"}')" 404
api GET "/api/v1/residents/$MOTHER" "$HEAD" >/dev/null
ok "the refusals changed nothing" contains "$T_DIR/body" '"full_name":"Đặng Thị Thu Trang Anh","gender":"female","relation":"Chủ hộ"'

# status
ok "a status that does not exist: 400" equals "$(api POST "/api/v1/residents/$DAUGHTER/status" "$HEAD" '{"status":"gone"}')" 400
ok "naming status" error_is invalid status
ok "a status as a number: 400" equals "$(api POST "/api/v1/residents/$DAUGHTER/status" "$HEAD" '{"status":1}')" 400
ok "naming status" error_is invalid status
ok "moved away without a date: 400" equals "$(api POST "/api/v1/residents/$DAUGHTER/status" "$HEAD" '{"status":"moved"}')" 400
ok "naming date" error_is invalid date
ok "an impossible date: 400" equals "$(api POST "/api/v1/residents/$DAUGHTER/status" "$HEAD" '{"status":"moved","date":"31/02/2025"}')" 400
ok "mark her moved away" equals "$(api POST "/api/v1/residents/$DAUGHTER/status" "$HEAD" '{"status":"moved","date":"01/09/2025"}')" 200
ok "moved, with the date" contains "$T_DIR/body" '"status":"moved","representative":false,"status_date":"2025-09-01"'
api GET "/api/v1/households/$NEW" "$HEAD" >/dev/null
ok "two members present" contains "$T_DIR/body" '"members":2,'
ok "back present" equals "$(api POST "/api/v1/residents/$DAUGHTER/status" "$HEAD" '{"status":"present"}')" 200
ok "(present, no date)" contains "$T_DIR/body" '"status":"present","representative":false,"status_date":null'
ok "the front committee cannot: 403" equals "$(api POST "/api/v1/residents/$DAUGHTER/status" "$FRONT" '{"status":"deceased","date":"01/01/2025"}')" 403
ok "the head, another ward's resident: 404" equals "$(api POST "/api/v1/residents/$FAR_RES/status" "$HEAD" '{"status":"moved","date":"01/01/2025"}')" 404

# moving to another household
ok "no household: 400" equals "$(api POST "/api/v1/residents/$DAUGHTER/move" "$HEAD" '{}')" 400
ok "naming household" error_is invalid household
ok "the household as a string: 400" equals "$(api POST "/api/v1/residents/$DAUGHTER/move" "$HEAD" "{\"household\":\"$OWN\"}")" 400
ok "naming household" error_is invalid household
ok "an unknown household: 400" equals "$(api POST "/api/v1/residents/$DAUGHTER/move" "$HEAD" '{"household":999999}')" 400
ok "naming household" error_is invalid household
ok "a household the head cannot see: the same 400" equals "$(api POST "/api/v1/residents/$DAUGHTER/move" "$HEAD" "{\"household\":$FAR}")" 400
ok "naming household" error_is invalid household
ok "an unknown resident: 404" equals "$(api POST /api/v1/residents/999999/move "$HEAD" "{\"household\":$OWN}")" 404
ok "move her to the resident's household" equals "$(api POST "/api/v1/residents/$DAUGHTER/move" "$HEAD" "{\"household\":$OWN}")" 200
ok "she lives there now" contains "$T_DIR/body" "\"id\":$DAUGHTER,\"household\":$OWN,"
ok "its account sees her" equals "$(api GET "/api/v1/residents/$DAUGHTER" "$RES")" 200

# ------------------------------------------------------------ a cookie session
ok "the head logs in with a cookie" equals "$(login_as c head@demo)" 303
ok "reads the API with it" equals "$(get "/api/v1/households/$NEW" -b "$(jar c)")" 200
ok "a change without X-CSRF-Token: 403" \
	equals "$(get "/api/v1/households/$NEW" -b "$(jar c)" -X PATCH -H 'Content-Type: application/json' -d '{"code":"HK-C"}')" 403
ok "(csrf)" contains "$T_DIR/body" '{"error":{"code":"csrf"'
ok "with a wrong one: 403" \
	equals "$(get "/api/v1/households/$NEW" -b "$(jar c)" -X PATCH -H 'X-CSRF-Token: forged' -H 'Content-Type: application/json' -d '{"code":"HK-C"}')" 403
ok "a resident added without it: 403" \
	equals "$(get "/api/v1/households/$NEW/residents" -b "$(jar c)" -X POST -H 'Content-Type: application/json' -d '{"full_name":"Lê Văn Ba","gender":"male","relation":"Con"}')" 403
ok "invitations without it: 403" equals "$(get "/api/v1/units/$DT/invitations" -b "$(jar c)" -X POST)" 403
t=$(csrf_of c /account)
ok "with the session's token: 200" \
	equals "$(get "/api/v1/households/$NEW" -b "$(jar c)" -X PATCH -H "X-CSRF-Token: $t" -H 'Content-Type: application/json' -d '{"code":"HK-C"}')" 200
ok "(changed)" contains "$T_DIR/body" '"code":"HK-C"'

# ------------------------------------------------------------ invitations
ok "the resident cannot invite: 403" equals "$(api POST "/api/v1/units/$DT/invitations" "$RES" '{}')" 403
ok "nor the front committee: 403" equals "$(api POST "/api/v1/units/$DT/invitations" "$FRONT" '{}')" 403
ok "nor the head in another ward: 403" equals "$(api POST "/api/v1/units/$BA/invitations" "$HEAD" '{}')" 403
ok "an unknown unit: 404" equals "$(api POST /api/v1/units/999999/invitations "$HEAD" '{}')" 404
ok "all as a string: 400" equals "$(api POST "/api/v1/units/$DT/invitations" "$HEAD" '{"all":"yes"}')" 400
ok "naming all" error_is invalid all
ok "malformed JSON: 400" equals "$(api POST "/api/v1/units/$DT/invitations" "$HEAD" '{"all":')" 400
ok "the head invites Đông Tác (no body)" equals "$(api POST "/api/v1/units/$DT/invitations" "$HEAD")" 201
ok "not the resident's household, which has an account" lacks "$T_DIR/body" "\"household\":$OWN,"
SOME=$(grep -o '"claim_url"' "$T_DIR/body" | wc -l)
ok "the others ($SOME of $((N + 1)))" test "$SOME" -ge 1 -a "$SOME" -le "$N"
ok "the new household among them" contains "$T_DIR/body" "{\"household\":$NEW,\"address\":\"Số 101, đường Mồi\",\"claim_url\":\"http://127.0.0.1:$T_PORT/claim/"
ok "expiring in 30 days, as ISO 8601 UTC" grep -Eq "\"household\":$NEW,[^}]*\"expires\":\"$(date -u -d '+30 days' +%Y-%m-%d)T[0-9:]{8}Z\"" "$T_DIR/body"
LINE=$(grep -o "{\"household\":$NEW,[^}]*}" "$T_DIR/body")
TOKEN=$(sed -n 's/.*"claim_url":"[^"]*\/claim\/\([^"]*\)".*/\1/p' <<<"$LINE")
CODE=$(sed -n 's/.*"short_code":"\([^"]*\)".*/\1/p' <<<"$LINE")
ok "with a link token and a short code ($CODE)" sh -c "[ \${#1} -ge 40 ] && echo '$CODE' | grep -Eq '^[2-9A-Z]{4}-[2-9A-Z]{4}$'" - "$TOKEN"
ok "all: true invites every household" equals "$(api POST "/api/v1/units/$DT/invitations" "$HEAD" '{"all":true}')" 201
ok "the resident's too: all $((N + 1))" equals "$(grep -o '"claim_url"' "$T_DIR/body" | wc -l)" "$((N + 1))"
OLD=$TOKEN
LINE=$(grep -o "{\"household\":$NEW,[^}]*}" "$T_DIR/body")
TOKEN=$(sed -n 's/.*"claim_url":"[^"]*\/claim\/\([^"]*\)".*/\1/p' <<<"$LINE")
CODE=$(sed -n 's/.*"short_code":"\([^"]*\)".*/\1/p' <<<"$LINE")
ok "a new token" test -n "$TOKEN" -a "$TOKEN" != "$OLD"

ok "anyone looks the invitation up" equals "$(api GET "/api/v1/invitations/$TOKEN" "")" 200
ok "address, unit, state" contains "$T_DIR/body" '{"invitation":{"address":"Số 101, đường Mồi","unit":"Đông Tác","state":"valid","expires":"'
ok "by the short code typed in lower case without the dash" \
	equals "$(api GET "/api/v1/invitations/$(echo "$CODE" | tr -d - | tr A-Z a-z)" "")" 200
ok "(the same)" contains "$T_DIR/body" '"address":"Số 101, đường Mồi"'
ok "the replaced invitation: revoked" equals "$(api GET "/api/v1/invitations/$OLD" "")" 200
ok "(state revoked)" contains "$T_DIR/body" '"state":"revoked"'
ok "an unknown one: 404" equals "$(api GET /api/v1/invitations/ZZZZ-ZZZZ "")" 404
ok "(not_found)" contains "$T_DIR/body" '{"error":{"code":"not_found"'
ok "claiming the replaced one: 410" equals "$(api POST "/api/v1/invitations/$OLD/claim" "" '{"login":"0977000333","display_name":"A","password":"mat-khau-moi"}')" 410
ok "(gone)" contains "$T_DIR/body" '{"error":{"code":"gone"'

# claiming
ok "a claim with malformed JSON: 400" equals "$(api POST "/api/v1/invitations/$TOKEN/claim" "" '{"login":')" 400
ok "a password as a number: 400" equals "$(api POST "/api/v1/invitations/$TOKEN/claim" "" '{"login":"0977000111","display_name":"Đại diện mới","password":12345678}')" 400
ok "naming password" error_is invalid password
ok "a login as a number: 400" equals "$(api POST "/api/v1/invitations/$TOKEN/claim" "" '{"login":977000111,"display_name":"Đại diện mới","password":"mat-khau-moi"}')" 400
ok "naming login" error_is invalid login
ok "a short password: 400" equals "$(api POST "/api/v1/invitations/$TOKEN/claim" "" '{"login":"0977000111","display_name":"Đại diện mới","password":"short"}')" 400
ok "naming password" error_is invalid password
ok "no name: 400" equals "$(api POST "/api/v1/invitations/$TOKEN/claim" "" '{"login":"0977000111","password":"mat-khau-moi"}')" 400
ok "naming display_name" error_is invalid display_name
ok "a login that is taken: 409" equals "$(api POST "/api/v1/invitations/$TOKEN/claim" "" '{"login":"head@demo","display_name":"Đại diện mới","password":"mat-khau-moi"}')" 409
ok "naming login" error_is conflict login
ok "still valid after the refusals" equals "$(api GET "/api/v1/invitations/$TOKEN" "")" 200
ok "(valid)" contains "$T_DIR/body" '"state":"valid"'
ok "claim it" equals "$(api POST "/api/v1/invitations/$TOKEN/claim" "" '{"login":"0977000111","display_name":"Đại diện mới","password":"mat-khau-moi"}')" 201
NEWTOKEN=$(sed -n 's/^{"token":"\([^"]*\)","expires":"[0-9T:Z-]*"}$/\1/p' "$T_DIR/body")
ok "an API session token" test -n "$NEWTOKEN"
ok "GET /api/v1/me with it" equals "$(api GET /api/v1/me "$NEWTOKEN")" 200
ok "the new account" contains "$T_DIR/body" '{"account":{"id":'
ok "(login, name)" contains "$T_DIR/body" '"login":"0977000111","display_name":"Đại diện mới"}'
ok "of the household" contains "$T_DIR/body" "\"household\":{\"id\":$NEW,"
ok "as its representative in Đông Tác" contains "$T_DIR/body" "\"grants\":[{\"role\":\"representative\",\"unit\":{\"id\":$DT,"
ok "it reads its household" equals "$(api GET "/api/v1/households/$NEW" "$NEWTOKEN")" 200
ok "with the personal data" contains "$T_DIR/body" '"national_id":"074162000111"'
ok "but not another one: 404" equals "$(api GET "/api/v1/households/$FAR" "$NEWTOKEN")" 404
ok "the password works for logging in" test -n "$(api_token 0977000111 mat-khau-moi)"
ok "claiming again: 410" equals "$(api POST "/api/v1/invitations/$TOKEN/claim" "" '{"login":"0977000222","display_name":"Người khác","password":"mat-khau-moi"}')" 410
ok "(gone)" contains "$T_DIR/body" '{"error":{"code":"gone"'
ok "no second account" equals "$(api_token 0977000222 mat-khau-moi)" ""
ok "the lookup says used" equals "$(api GET "/api/v1/invitations/$TOKEN" "")" 200
ok "(used)" contains "$T_DIR/body" '"state":"used"'

# wrong tokens are throttled by client address, lookups and claims alike:
# the unknown lookup above was the first miss, four claims make five, then 429
for i in 1 2 3 4; do
	ok "a wrong token $i: 404" equals "$(api POST "/api/v1/invitations/WRONG-$i$i$i$i/claim" "" '{"login":"0977000444","display_name":"X","password":"mat-khau-moi"}')" 404
done
ok "the sixth try: 429" equals "$(api POST /api/v1/invitations/WRONG-9999/claim "" '{"login":"0977000444","display_name":"X","password":"mat-khau-moi"}')" 429
ok "with Retry-After" grep -Eqi '^retry-after: [1-9][0-9]*' "$T_DIR/head"
ok "(too_many_requests)" contains "$T_DIR/body" '{"error":{"code":"too_many_requests"'
ok "looking up is throttled too" equals "$(api GET "/api/v1/invitations/$TOKEN" "")" 429
