#!/bin/bash
# Logging in and out, sessions, CSRF, throttling, passwords, API sessions and tokens.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 200 --seed 3 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2

# the login page
ok "login page" equals "$(get /login -c "$(jar a)")" 200
ok "it has the login field" contains "$T_DIR/body" 'name="login"'
ok "and the password field" contains "$T_DIR/body" 'name="password" type="password"'
ok "and the CSRF field" contains "$T_DIR/body" 'name="csrf"'
ok "in Vietnamese" contains "$T_DIR/body" "Đăng nhập"
ok "an anonymous visitor gets a CSRF cookie with a form" grep -qi '^set-cookie: csrf=.*HttpOnly; SameSite=Lax' "$T_DIR/head"
ok "but no cookie on a public page without a form" equals "$(get /)" 200
ok "(no Set-Cookie)" lacks "$T_DIR/head" "^[Ss]et-[Cc]ookie"


# CSRF
ok "login without the CSRF token is refused" \
	equals "$(get /login -X POST -d 'login=resident@demo&password=danvan-demo')" 403
ok "login with a wrong CSRF token is refused" \
	equals "$(get /login -b "$(jar a)" -X POST -d 'csrf=forged&login=resident@demo&password=danvan-demo')" 403

# wrong and right passwords
ok "a wrong password: 401" equals "$(login_as a resident@demo wrong-password)" 401
ok "a right password: 303" equals "$(login_as a resident@demo)" 303
ok "the session cookie is HttpOnly and SameSite" grep -q "sid" "$(jar a)"
ok "my household" equals "$(get /me -b "$(jar a)")" 200
ok "shows the household" contains "$T_DIR/body" "Hộ gia đình của tôi"
ok "and its members' birth dates" grep -Eq '[0-9]{2}/[0-9]{2}/(19|20)[0-9]{2}' "$T_DIR/body"
ok "the header names the account" contains "$T_DIR/body" 'href="/account"'
ok "/me without a session goes to the login" equals "$(get /me)" 303
ok "with where to come back" grep -qi '^location: /login?next=/me' "$T_DIR/head"

# where a login leads
t=$(csrf_of b /login)
code=$(get /login -b "$(jar b)" -c "$(jar b)" -X POST --data-urlencode "csrf=$t" \
	-d 'login=ward@demo&password=danvan-demo&next=/account')
ok "login follows next" grep -qi '^location: /account' "$T_DIR/head"
t=$(csrf_of c /login)
get /login -b "$(jar c)" -c "$(jar c)" -X POST --data-urlencode "csrf=$t" \
	-d 'login=ward@demo&password=danvan-demo&next=//evil.example/' >/dev/null
ok "but never off the site" grep -qi '^location: /me' "$T_DIR/head"
t=$(csrf_of d /login)
get /login -b "$(jar d)" -c "$(jar d)" -X POST --data-urlencode "csrf=$t" \
	-d 'login=head@demo&password=danvan-demo&remember=1' >/dev/null
ok "remember me keeps the cookie 30 days" grep -qi '^set-cookie: sid=.*Max-Age=2592000' "$T_DIR/head"

# logout
ok "logout without the token is refused" equals "$(get /logout -b "$(jar a)" -X POST)" 403
t=$(csrf_of a /me)
ok "logout" equals "$(get /logout -b "$(jar a)" -c "$(jar a)" -X POST --data-urlencode "csrf=$t")" 303
ok "the cookie is cleared" grep -qi '^set-cookie: sid=;.*Max-Age=0' "$T_DIR/head"
ok "and the session is over" equals "$(get /me -b "$(jar a)")" 303

# throttling: five failures, then even the right password waits
for i in 1 2 3 4 5; do login_as t front@demo wrong >/dev/null; done
ok "the sixth attempt is throttled: 429" equals "$(login_as t front@demo)" 429
t=$(csrf_of t /login)
get /login -b "$(jar t)" -X POST --data-urlencode "csrf=$t" -d 'login=front@demo&password=danvan-demo' >/dev/null
ok "with Retry-After" grep -Eqi '^retry-after: [0-9]+' "$T_DIR/head"
ok "and a message" contains "$T_DIR/body" "Đăng nhập sai quá nhiều lần"
ok "failed logins are logged" grep -q "login failed for 'front@demo'" "$T_DIR/server.log"

# API sessions
TOKEN=$(api_token ward@demo)
ok "POST /api/v1/session returns a token" test -n "$TOKEN"
ok "GET /api/v1/me with it" equals "$(get /api/v1/me -H "Authorization: Bearer $TOKEN")" 200
ok "names the account" contains "$T_DIR/body" '"login":"ward@demo"'
ok "and its grant" contains "$T_DIR/body" '"role":"ward_officer"'
ok "JSON content type" grep -qi '^content-type: application/json' "$T_DIR/head"
ok "a wrong password: 401 JSON" \
	equals "$(get /api/v1/session -X POST -H 'Content-Type: application/json' -d '{"login":"ward@demo","password":"x"}')" 401
ok "with the error shape" contains "$T_DIR/body" '{"error":{"code":"unauthorized"'
ok "malformed JSON: 400" \
	equals "$(get /api/v1/session -X POST -H 'Content-Type: application/json' -d '{"login":')" 400
ok "says why" contains "$T_DIR/body" '"code":"invalid"'
ok "a non-string field: 400" \
	equals "$(get /api/v1/session -X POST -H 'Content-Type: application/json' -d '{"login":5,"password":"x"}')" 400
ok "names the field" contains "$T_DIR/body" '"field":"login"'
ok "not JSON at all: 400" \
	equals "$(get /api/v1/session -X POST -H 'Content-Type: text/plain' -d 'login=x')" 400
ok "duplicate keys: 400" \
	equals "$(get /api/v1/session -X POST -H 'Content-Type: application/json' -d '{"login":"a","login":"b","password":"x"}')" 400
ok "no credentials: 401" equals "$(get /api/v1/me)" 401
ok "a made-up token: 401" equals "$(get /api/v1/me -H 'Authorization: Bearer made-up')" 401
ok "DELETE /api/v1/session" equals "$(get /api/v1/session -X DELETE -H "Authorization: Bearer $TOKEN")" 204
ok "ends it" equals "$(get /api/v1/me -H "Authorization: Bearer $TOKEN")" 401

# a cookie session calling the API must send the CSRF token for changes
login_as e ward@demo >/dev/null
ok "cookie session reads the API" equals "$(get /api/v1/me -b "$(jar e)")" 200
ok "cookie session without X-CSRF-Token cannot change" \
	equals "$(get /api/v1/session -X DELETE -b "$(jar e)")" 403

# API tokens made on the account page
t=$(csrf_of e /account)
ok "create an API token" equals "$(get /account/tokens -b "$(jar e)" -X POST --data-urlencode "csrf=$t" --data-urlencode 'name=Báo cáo tuần')" 200
APITOKEN=$(grep -o '<code class="token">[^<]*' "$T_DIR/body" | sed 's/.*>//')
ok "it is shown once" test -n "$APITOKEN"
ok "it works as a bearer token" equals "$(get /api/v1/me -H "Authorization: Bearer $APITOKEN")" 200
ok "the account page lists it" equals "$(get /account -b "$(jar e)")" 200
ok "by name" contains "$T_DIR/body" "Báo cáo tuần"
ok "but never shows it again" lacks "$T_DIR/body" "$APITOKEN"
# a token's last use is written with the server's next commit, or within
# a second or two when nothing else is written
used() { get /account -b "$(jar e)" >/dev/null; grep -q 'Báo cáo tuần <span class="note">[^<]* · dùng lần cuối [0-9]' "$T_DIR/body"; }
ok "its last use is on the page within seconds" within 5 used
rev=$(grep -o '/account/tokens/[0-9]*/revoke' "$T_DIR/body" | head -1)
t=$(csrf_of e /account)
ok "revoke it" equals "$(get "$rev" -b "$(jar e)" -X POST --data-urlencode "csrf=$t")" 303
ok "revoked tokens stop working" equals "$(get /api/v1/me -H "Authorization: Bearer $APITOKEN")" 401

# passwords
login_as f member@demo >/dev/null
login_as g member@demo >/dev/null
t=$(csrf_of f /account)
ok "a wrong current password" equals "$(get /account/password -b "$(jar f)" -X POST --data-urlencode "csrf=$t" -d 'current=nope&password=mat-khau-moi-1&confirm=mat-khau-moi-1')" 400
ok "is named next to its field" contains "$T_DIR/body" 'id="e-current"'
ok "two different new passwords" equals "$(get /account/password -b "$(jar f)" -X POST --data-urlencode "csrf=$t" -d 'current=danvan-demo&password=mat-khau-moi-1&confirm=mat-khau-moi-2')" 400
ok "a short new password" equals "$(get /account/password -b "$(jar f)" -X POST --data-urlencode "csrf=$t" -d 'current=danvan-demo&password=short&confirm=short')" 400
ok "change the password" equals "$(get /account/password -b "$(jar f)" -X POST --data-urlencode "csrf=$t" -d 'current=danvan-demo&password=mat-khau-moi-1&confirm=mat-khau-moi-1')" 200
ok "this device stays logged in" equals "$(get /me -b "$(jar f)")" 200
ok "the other device is logged out" equals "$(get /me -b "$(jar g)")" 303
ok "the old password no longer works" equals "$(login_as h member@demo)" 401
ok "the new one does" equals "$(login_as h member@demo mat-khau-moi-1)" 303

# public units API
ok "GET /api/v1/units?q= folds Vietnamese" equals "$(get '/api/v1/units?q=TAN%20DONG%20HIEP')" 200
ok "finds Tân Đông Hiệp" contains "$T_DIR/body" '"code":"25948"'
id=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Tân Đông Hiệp".*/\1/p' "$T_DIR/body")
ok "GET /api/v1/units/{id}" equals "$(get "/api/v1/units/$id")" 200
ok "with its ancestors" contains "$T_DIR/body" '"name":"Bình Dương"'
ok "and children" contains "$T_DIR/body" '"name":"Đông Tác"'
ok "an unknown unit: 404 JSON" equals "$(get /api/v1/units/999999)" 404
ok "in the error shape" contains "$T_DIR/body" '"code":"not_found"'
ok "an unknown API path: 404 JSON" equals "$(get /api/v1/nothing)" 404
ok "also JSON" contains "$T_DIR/body" '"error"'
