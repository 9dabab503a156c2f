#!/bin/bash
# Hostile requests against the demo: malformed or oversized query
# parameters, header fields past the limits, null and wrongly typed JSON
# members, ids past 2^53, bodies in a format the route does not take or on
# a GET. Each is a clean 4xx naming what is at fault, and none writes
# anything (the audit chain's head does not move).
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 300 --seed 3 --db "$DB" >"$T_DIR/demo.out" 2>&1
ok "demo database" grep -q "300 households" "$T_DIR/demo.out"
ok "server starts" start_server "$DB" --threads 2

# api METHOD PATH TOKEN [JSON]: a bearer token when TOKEN is not empty, the
# JSON as the body.
api() {
	local method=$1 path=$2 token=$3
	shift 3
	local args=(-X "$method")
	[ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
	[ $# -gt 0 ] && args+=(-H 'Content-Type: application/json' --data-binary "$1")
	get "$path" "${args[@]}"
}
# A JSON error of this code naming this field, whose message names it too
# (Vietnamese: "Tham số q ...", "Tiêu đề cookie ...", "Trường title ...").
error_names() {
	contains "$T_DIR/body" "{\"error\":{\"code\":\"$1\"" &&
		contains "$T_DIR/body" "\"field\":\"$2\"}}" &&
		grep -q "\"message\":\"[^\"]*$3 $2[ :]" "$T_DIR/body"
}
# An HTML error page saying this.
page_says() { contains "$T_DIR/body" '<div class="error-page">' && contains "$T_DIR/body" "$1"; }
# The audit chain's head: it moves with every write.
audit_head() { "$DANVAN_BIN" verify --db "$DB" | sed -n 's/^head //p'; }
# A file of N copies of TEXT (no newline), for values too long for a command line.
repeat() { python3 -c "import sys; sys.stdout.write(sys.argv[1] * int(sys.argv[2]))" "$1" "$2"; }

TDH=$(api GET "/api/v1/units?q=tan%20dong%20hiep" "" >/dev/null &&
	sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Tân Đông Hiệp".*/\1/p' "$T_DIR/body")
DT=$(api GET "/api/v1/units?q=dong%20tac" "" >/dev/null &&
	sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Đông Tác".*/\1/p' "$T_DIR/body")
ok "found the units" test -n "$TDH" -a -n "$DT"
HEAD=$(api_token head@demo)
WARD=$(api_token ward@demo)
ok "tokens for the head and the ward officer" test -n "$HEAD" -a -n "$WARD"
api GET "/api/v1/households?unit=$DT&limit=1" "$HEAD" >/dev/null
HH=$(sed -n 's/^{"households":\[{"id":\([0-9]*\),.*/\1/p' "$T_DIR/body")
api GET "/api/v1/households/$HH" "$HEAD" >/dev/null
RES=$(sed -n 's/.*"residents":\[{"id":\([0-9]*\),.*/\1/p' "$T_DIR/body")
cp "$T_DIR/body" "$T_DIR/household.before"
api GET "/api/v1/notices?status=draft&unit=$TDH" "$WARD" >/dev/null
DRAFT=$(sed -n 's/^{"notices":\[{"id":\([0-9]*\),.*/\1/p' "$T_DIR/body")
api GET "/api/v1/news?limit=1" "" >/dev/null
NEWS=$(sed -n 's/^{"articles":\[{"id":\([0-9]*\),.*/\1/p' "$T_DIR/body")
ok "a household, a resident, a draft notice and an article" \
	test -n "$HH" -a -n "$RES" -a -n "$DRAFT" -a -n "$NEWS"
BEFORE=$(audit_head)
ok "the audit chain's head" test -n "$BEFORE"

# ------------------------------------------------- query parameters: JSON
for q in "/api/v1/units?q=%00%ff%fe q" "/api/v1/notices?unit=%ff unit" \
	"/api/v1/news?section=%ff section" "/api/v1/matters?status=%ff status" \
	"/api/v1/consultations?q=%ff q" "/api/v1/households?unit=$DT&q=%c3%28 q"; do
	ok "${q% *}: 400" equals "$(api GET "${q% *}" "$HEAD")" 400
	ok "(names ${q#* })" error_names invalid "${q#* }" "Tham số"
done
ok "a NUL alone: 400" equals "$(api GET '/api/v1/notices?q=a%00b' "")" 400
ok "(names q)" error_names invalid q "Tham số"
ok "a line break in a search: 400" equals "$(api GET '/api/v1/units?q=t%0aa' "")" 400
ok "(a control character)" contains "$T_DIR/body" "ký tự điều khiển"
ok "a C1 control: 400" equals "$(api GET '/api/v1/units?q=t%c2%85a' "")" 400
ok "a tab: 400" equals "$(api GET '/api/v1/news?q=a%09b' "")" 400
ok "a malformed escape: 400" equals "$(api GET '/api/v1/notices?category=%zz' "")" 400
ok "(names category)" error_names invalid category "Tham số"
ok "an escape cut short: 400" equals "$(api GET '/api/v1/notices?q=ab%4' "")" 400
ok "a parameter with no name: 400" equals "$(api GET '/api/v1/notices?=1' "")" 400
ok "a parameter whose name is not UTF-8: 400" equals "$(api GET '/api/v1/notices?%ff=1' "")" 400
repeat a 204800 >"$T_DIR/q200k"
ok "a 200 KB search: 400" equals "$(get /api/v1/units -G --data-urlencode "q@$T_DIR/q200k")" 400
ok "(names q)" error_names invalid q "Tham số"
ok "(and its cap)" contains "$T_DIR/body" "dài quá 200 ký tự"
ok "not a full list" lacks "$T_DIR/body" '"units"'
ok "a search of 200 characters: 200" \
	equals "$(get /api/v1/units -G --data-urlencode "q=$(repeat ệ 200)")" 200
ok "of 201: 400" equals "$(get /api/v1/units -G --data-urlencode "q=$(repeat ệ 201)")" 400
ok "(names q)" error_names invalid q "Tham số"
ok "an id of 21 digits: 400" equals "$(api GET "/api/v1/notices?unit=$(repeat 1 21)" "")" 400
ok "a status of 33 characters: 400" equals "$(api GET "/api/v1/matters?status=$(repeat x 33)" "")" 400
ok "a parameter no one reads, short: ignored" equals "$(api GET '/api/v1/units?utm_source=zalo' "")" 200
ok "long: 400" equals "$(api GET "/api/v1/units?fbclid=$(repeat x 257)" "")" 400
ok "(names it)" error_names invalid fbclid "Tham số"
many=$(for i in $(seq 1 30); do printf 'k%d=%s&' "$i" "$(repeat x 200)"; done)
ok "a query over 4 KB in all: 400" equals "$(api GET "/api/v1/units?$many" "")" 400
ok "(says so)" contains "$T_DIR/body" "Chuỗi truy vấn dài quá 4096 byte"
ok "a filter given twice: 400" equals "$(api GET '/api/v1/notices?unit=1&unit=abc' "")" 400
ok "(names unit)" error_names invalid unit "Tham số"
pairs=$(for i in $(seq 1 201); do printf 'k%d=&' "$i"; done)
ok "more than 200 parameters: 400" equals "$(api GET "/api/v1/units?$pairs" "")" 400

# enumerations, numbers and days
ok "an unknown section: 400" equals "$(api GET '/api/v1/news?section=sport' "")" 400
ok "(names section)" error_names invalid section "Tham số"
ok "(and the sections)" contains "$T_DIR/body" "politics, economy, culture, security, mobilization, front"
ok "an unknown matter status: 400" equals "$(api GET '/api/v1/matters?status=done' "")" 400
ok "(lists draft, open, closed)" contains "$T_DIR/body" "draft, open, closed"
ok "an unknown notice status: 400" equals "$(api GET '/api/v1/notices?status=old' "")" 400
ok "(lists them)" contains "$T_DIR/body" "draft, published, archived"
ok "an unknown consultation status: 400" equals "$(api GET '/api/v1/consultations?status=x' "")" 400
ok "(lists them)" contains "$T_DIR/body" "draft, open, closed, published"
ok "drafts=yes: 400" equals "$(api GET "/api/v1/news?drafts=yes&unit=$TDH" "$WARD")" 400
ok "(names drafts)" error_names invalid drafts "Tham số"
ok "unit=abc: 400" equals "$(api GET '/api/v1/matters?unit=abc' "")" 400
ok "a day that does not exist: 400" equals "$(api GET '/api/v1/notices?from=2026-02-30' "")" 400
ok "(names from)" error_names invalid from "Tham số"
ok "an empty filter reads as none" equals "$(api GET '/api/v1/notices?unit=&status=&from=&q=' "")" 200

# ?lang= keeps working, and is one of the two
ok "English by query" equals "$(get '/?lang=en')" 200
ok "(English)" contains "$T_DIR/body" "<html lang=\"en\""
ok "errors in English with it" equals "$(api GET '/api/v1/matters?status=done&lang=en' "")" 400
ok "(English message)" contains "$T_DIR/body" '"message":"The parameter status must be one of: draft, open, closed"'
ok "lang=fr: 400" equals "$(api GET '/api/v1/units?lang=fr' "")" 400
ok "(names lang)" error_names invalid lang "Tham số"
ok "(and the two)" contains "$T_DIR/body" "vi, en"

# ------------------------------------------------- query parameters: HTML
for q in "/notices?q=%ff q" "/notices?unit=%ff unit" "/feeds/notices.atom?unit=%ff unit" \
	"/news?section=%00 section" "/matters?status=%ff status" "/consultations?q=%ff q" \
	"/units/$DT/households?q=%ff q"; do
	ok "${q% *}: 400" equals "$(get "${q% *}")" 400
	ok "(an error page naming ${q#* })" page_says "Tham số ${q#* } "
done
ok "the page is HTML" grep -qi "^content-type: text/html" "$T_DIR/head"
ok "/news?section=sport: 400" equals "$(get '/news?section=sport')" 400
ok "(the sections listed)" page_says "Tham số section phải là một trong các giá trị: politics"
ok "/feeds/news.atom?section=sport: 400" equals "$(get '/feeds/news.atom?section=sport')" 400
ok "/matters?status=done: 400" equals "$(get '/matters?status=done')" 400
ok "(listed)" page_says "draft, open, closed"
ok "/consultations?status=x: 400" equals "$(get '/consultations?status=x')" 400
ok "/notices?status=old: 400" equals "$(get '/notices?status=old')" 400
ok "/notices?unit=abc: 400" equals "$(get '/notices?unit=abc')" 400
ok "/notices?category=-1: 400" equals "$(get '/notices?category=-1')" 400
ok "/news?from=31/02/2026: 400" equals "$(get '/news?from=31/02/2026')" 400
ok "/matters?page=0: 400" equals "$(get '/matters?page=0')" 400
ok "(names page)" page_says "Tham số page "
ok "/notices?page=x: 400" equals "$(get '/notices?page=x')" 400
ok "a filter form sent empty: 200" equals "$(get '/notices?q=&category=&from=&to=')" 200
ok "/notices?q=… of 200 KB: 400" equals "$(get /notices -G --data-urlencode "q@$T_DIR/q200k")" 400
ok "/login?next=//evil.example: 400" equals "$(get '/login?next=//evil.example/x')" 400
ok "(names next)" page_says "Tham số next "
ok "/login?next=/me: 200" equals "$(get '/login?next=/me')" 200

# ------------------------------------------------------------ headers
repeat a 102400 | sed 's/^/Cookie: x=/' >"$T_DIR/h.cookie"
ok "a 100 KB Cookie: 431" equals "$(get /api/v1/units -H "@$T_DIR/h.cookie")" 431
ok "(names cookie)" error_names header_too_large cookie "Tiêu đề"
ok "on a page too" equals "$(get / -H "@$T_DIR/h.cookie")" 431
ok "(an error page naming it)" page_says "Tiêu đề cookie "
repeat a 61440 | sed 's/^/User-Agent: /' >"$T_DIR/h.ua"
ok "a 60 KB User-Agent: 431" equals "$(get / -H "@$T_DIR/h.ua")" 431
ok "(names user-agent)" page_says "Tiêu đề user-agent "
ok "at login: 431, no session" equals "$(get /api/v1/session -H "@$T_DIR/h.ua" \
	-H 'Content-Type: application/json' -d '{"login":"ward@demo","password":"danvan-demo"}')" 431
ok "(names user-agent)" error_names header_too_large user-agent "Tiêu đề"
ok "a User-Agent of 1024 bytes: 200" equals "$(get / -H "User-Agent: $(repeat u 1024)")" 200
ok "of 1025: 431" equals "$(get / -H "User-Agent: $(repeat u 1025)")" 431
repeat a 61440 | sed 's/^/Accept-Language: /' >"$T_DIR/h.al"
ok "a 60 KB Accept-Language: 431" equals "$(get /api/v1/units -H "@$T_DIR/h.al")" 431
ok "(names accept-language)" error_names header_too_large accept-language "Tiêu đề"
python3 -c "print('Cookie: ' + '; '.join('c%d=1' % i for i in range(5000)))" >"$T_DIR/h.jar"
ok "5,000 cookies: 431" equals "$(get /api/v1/units -H "@$T_DIR/h.jar")" 431
ok "(names cookie)" error_names header_too_large cookie "Tiêu đề"
ok "51 small cookies: 431" equals "$(get /api/v1/units \
	-H "Cookie: $(for i in $(seq 1 51); do printf 'c%d=1; ' "$i"; done)")" 431
ok "(says how many)" contains "$T_DIR/body" "Yêu cầu mang hơn 50 cookie"
ok "50 cookies with a language among them: 200" equals "$(get / \
	-H "Cookie: $(for i in $(seq 1 49); do printf 'c%d=1; ' "$i"; done)lang=en")" 200
ok "(the language read)" contains "$T_DIR/body" "<html lang=\"en\""
ok "cookies in fields of their own, as HTTP/2 clients send them: all read" \
	equals "$(get / --http2-prior-knowledge -H 'Cookie: a=1' -H 'Cookie: lang=en')" 200
ok "(the language in the second)" contains "$T_DIR/body" "<html lang=\"en\""
half=$(for i in $(seq 1 26); do printf 'c%d=1; ' "$i"; done)
ok "and counted together: 26 + 26 cookies are 431" \
	equals "$(get / --http2-prior-knowledge -H "Cookie: $half" -H "Cookie: $half")" 431
start=$(date +%s%N)
ok "an 8 KB jar of garbage: 431" equals "$(get / -H "Cookie: $(repeat ';=' 4000)")" 431
elapsed=$((($(date +%s%N) - start) / 1000000))
ok "answered at once (${elapsed} ms)" test "$elapsed" -lt 2000
python3 -c "
for i in range(65): print('X-H%d: v' % i)" >"$T_DIR/h.65"
ok "65 header fields: 431" equals "$(get /api/v1/units -H "@$T_DIR/h.65")" 431
ok "(says so)" contains "$T_DIR/body" "Yêu cầu có hơn 64 trường tiêu đề"
python3 -c "
for i in range(500): print('X-H%d: v' % i)" >"$T_DIR/h.500"
ok "500 header fields on HTTP/2 (h2o has no limit there): 431" \
	equals "$(get /api/v1/units --http2-prior-knowledge -H "@$T_DIR/h.500")" 431
python3 -c "
for i in range(5): print('X-H%d: ' % i + 'b' * 7000)" >"$T_DIR/h.35k"
ok "35 KB of header fields in all: 431" equals "$(get /api/v1/units -H "@$T_DIR/h.35k")" 431
ok "(says so)" contains "$T_DIR/body" "tổng cộng lớn hơn 32 KB"
repeat a 430000 | sed 's/^/X-Big: /' >"$T_DIR/h.430k"
ok "a head over h2o's own limit: 400 from h2o" equals "$(get /healthz -H "@$T_DIR/h.430k")" 400
ok "the server still answers" equals "$(get /healthz)" 200

# ------------------------------------------------- JSON members and ids
ok "PATCH a household's address to null: 400" \
	equals "$(api PATCH "/api/v1/households/$HH" "$HEAD" '{"address":null}')" 400
ok "(names address)" error_names invalid address "Trường"
ok "with a good member beside it: still 400" \
	equals "$(api PATCH "/api/v1/households/$HH" "$HEAD" '{"code":"HK-9","address":null}')" 400
ok "a resident's full_name to null: 400" \
	equals "$(api PATCH "/api/v1/residents/$RES" "$HEAD" '{"full_name":null}')" 400
ok "(names full_name)" error_names invalid full_name "Trường"
ok "gender to null: 400" equals "$(api PATCH "/api/v1/residents/$RES" "$HEAD" '{"gender":null}')" 400
ok "representative to null: 400" \
	equals "$(api PATCH "/api/v1/residents/$RES" "$HEAD" '{"representative":null}')" 400
ok "a notice's title to null: 400" equals "$(api PATCH "/api/v1/notices/$DRAFT" "$WARD" '{"title":null}')" 400
ok "(names title)" error_names invalid title "Trường"
ok "its body to null: 400" equals "$(api PATCH "/api/v1/notices/$DRAFT" "$WARD" '{"body":null}')" 400
ok "visible_from to null: 400" \
	equals "$(api PATCH "/api/v1/notices/$DRAFT" "$WARD" '{"visible_from":null}')" 400
ok "an article's title to null: 400" equals "$(api PATCH "/api/v1/news/$NEWS" "$WARD" '{"title":null}')" 400
ok "(names title)" error_names invalid title "Trường"
ok "its section to null: 400" equals "$(api PATCH "/api/v1/news/$NEWS" "$WARD" '{"section":null}')" 400
ok "a string for a number: 400" equals "$(api POST /api/v1/households "$HEAD" "{\"unit\":\"$DT\",\"address\":\"Số 1\"}")" 400
ok "(names unit)" error_names invalid unit "Trường"
ok "a number for a string: 400" equals "$(api PATCH "/api/v1/households/$HH" "$HEAD" '{"address":12}')" 400
ok "(names address)" error_names invalid address "Trường"
ok "a string for a category: 400" equals "$(api PATCH "/api/v1/notices/$DRAFT" "$WARD" '{"category":"1"}')" 400
ok "a number for a section: 400" equals "$(api PATCH "/api/v1/news/$NEWS" "$WARD" '{"section":3}')" 400
ok "a string for true: 400" equals "$(api PATCH "/api/v1/residents/$RES" "$HEAD" '{"representative":"yes"}')" 400
ok "a unit past 2^53 in a body: 400" \
	equals "$(api POST /api/v1/households "$HEAD" '{"unit":9007199254740993,"address":"Số 1"}')" 400
ok "past 2^63: 400" equals "$(api POST /api/v1/households "$HEAD" '{"unit":99999999999999999999,"address":"Số 1"}')" 400
ok "an id past 2^53 in the path: 404" equals "$(api GET /api/v1/households/9007199254740993 "$HEAD")" 404
ok "(not_found)" contains "$T_DIR/body" '{"error":{"code":"not_found"'
ok "an id with leading zeros: 404" equals "$(api GET "/api/v1/households/000$HH" "$HEAD")" 404
ok "PATCH through one: 404" equals "$(api PATCH "/api/v1/notices/0$DRAFT" "$WARD" '{"title":"x"}')" 404

# ------------------------------------------------- bodies and their format
ok "publishing with a text/plain body: 400" equals "$(get "/api/v1/notices/$DRAFT/publish" -X POST \
	-H "Authorization: Bearer $WARD" -H 'Content-Type: text/plain' -d 'publish')" 400
ok "(names content-type)" contains "$T_DIR/body" '"field":"content-type"'
ok "with a form body: 400" equals "$(get "/api/v1/notices/$DRAFT/publish" -X POST \
	-H "Authorization: Bearer $WARD" -d 'x=1')" 400
ok "the notice is still a draft" equals "$(api GET "/api/v1/notices/$DRAFT" "$WARD" >/dev/null &&
	grep -o '"status":"[a-z]*"' "$T_DIR/body" | head -1)" '"status":"draft"'
ok "JSON to an upload: 400" equals "$(api POST "/api/v1/notices/$DRAFT/files" "$WARD" '{"file":"x"}')" 400
ok "a form to the JSON API: 400" equals "$(get /api/v1/households -X POST \
	-H "Authorization: Bearer $HEAD" --data-urlencode "unit=$DT" --data-urlencode 'address=Số 1')" 400
token=$(csrf_of anon /login)
ok "text/plain to a page's form, its CSRF token in the header: 400" equals "$(get /login -X POST \
	-b "$(jar anon)" -H "X-CSRF-Token: $token" -H 'Content-Type: text/plain' -d 'login=ward@demo')" 400
ok "(an error page)" page_says "định dạng"
ok "without the token: 403, as any forged form" equals "$(get /login -X POST \
	-H 'Content-Type: text/plain' -d 'login=ward@demo')" 403
ok "a GET with a body: 400" equals "$(get /api/v1/units -X GET -H 'Content-Type: application/json' -d '{}')" 400
ok "(says GET has none)" contains "$T_DIR/body" "Yêu cầu GET không được có nội dung"
ok "on a page too" equals "$(get / -X GET -d 'x=1')" 400
ok "a GET with a body and no token on a login route: 401 first" \
	equals "$(api GET "/api/v1/households/$HH" "" '{}')" 401

# ------------------------------------------------------- nothing written
ok "the audit chain holds" "$DANVAN_BIN" verify --db "$DB"
ok "and its head has not moved" equals "$(audit_head)" "$BEFORE"
api GET "/api/v1/households/$HH" "$HEAD" >/dev/null
ok "the household reads as before" cmp "$T_DIR/body" "$T_DIR/household.before"

# null clears a field that may be empty (a write, so after the count)
ok "a household's code to null clears it" \
	equals "$(api PATCH "/api/v1/households/$HH" "$HEAD" '{"code":null}')" 200
ok "(code null)" contains "$T_DIR/body" '"code":null'
ok "its address kept" equals "$(grep -o '"address":"[^"]*"' "$T_DIR/body")" \
	"$(grep -o '"address":"[^"]*"' "$T_DIR/household.before")"
ok "a resident's phone to null clears it" \
	equals "$(api PATCH "/api/v1/residents/$RES" "$HEAD" '{"phone":null}')" 200
ok "(phone null)" contains "$T_DIR/body" '"phone":null'
ok "and that was written" test "$(audit_head)" != "$BEFORE"
