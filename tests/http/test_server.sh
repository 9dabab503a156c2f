#!/bin/bash
# The minimal server: health, the public units tree, errors, limits, drain.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 300 --seed 1 --db "$DB" >"$T_DIR/demo.out" 2>&1
ok "demo database for the server" grep -q "300 households" "$T_DIR/demo.out"
ok "server starts" start_server "$DB" --threads 2

ok "/healthz answers 200 ok" equals "$(get /healthz)" 200
ok "/healthz body" contains "$T_DIR/body" "ok"

ok "home page 200" equals "$(get /)" 200
ok "home page is in Vietnamese by default" contains "$T_DIR/body" "<html lang=\"vi\""
ok "home page is the city's (the one unit at the top, and down while there is one)" contains "$T_DIR/body" "<h1>Thành phố Dĩ An</h1>"
ok "home page lists the wards" contains "$T_DIR/body" ">Phường Tân Đông Hiệp</a>"
ok "home page has the search box" contains "$T_DIR/body" '<form method="get" class="search" role="search" action="/search">'
ok "home page shows the city's household count" contains "$T_DIR/body" "<strong>300</strong>hộ"
ok "home page shows no national ID" lacks "$T_DIR/body" "074[0-9]{9}"
ok "home page shows no phone number" lacks "$T_DIR/body" "0[35789][0-9]{8}"
ok "home page shows no resident's name" lacks "$T_DIR/body" "Chủ hộ"
ok "content type is HTML" grep -qi "^content-type: text/html; charset=utf-8" "$T_DIR/head"
ok "CSP without unsafe-inline" grep -qi "^content-security-policy: default-src 'self'.*frame-ancestors 'none'" "$T_DIR/head"
ok "CSP has no unsafe-inline" lacks "$T_DIR/head" "unsafe-inline"
ok "nosniff header" grep -qi "^x-content-type-options: nosniff" "$T_DIR/head"
ok "content length, not chunked" grep -qi "^content-length: " "$T_DIR/head"

css=$(grep -o '/static/style\.[0-9a-f]*\.css' "$T_DIR/body" | head -1)
ok "stylesheet is linked by a hashed name" test -n "$css"
ok "stylesheet is served" equals "$(get "$css")" 200
ok "stylesheet is CSS" grep -qi "^content-type: text/css" "$T_DIR/head"
ok "stylesheet is cached for a year" grep -qi "^cache-control: public, max-age=31536000, immutable" "$T_DIR/head"
ok "an old stylesheet name is 404" equals "$(get /static/style.0000000000.css)" 404

ok "English by query" equals "$(get '/?lang=en')" 200
ok "English page" contains "$T_DIR/body" "Search notices, news, drafts and models"
ok "English html lang" contains "$T_DIR/body" "<html lang=\"en\""
ok "the choice is remembered in a cookie" grep -qi "^set-cookie: lang=en; Path=/;.*SameSite=Lax" "$T_DIR/head"
ok "the cookie keeps English" equals "$(get / -H 'Cookie: x=1; lang=en')" 200
ok "English from the cookie" contains "$T_DIR/body" "Search notices, news, drafts and models"
ok "an English browser still gets Vietnamese" equals "$(get / -H 'Accept-Language: en-US,en;q=0.9')" 200
ok "Vietnamese by default" contains "$T_DIR/body" "Tìm thông tin công khai, tin tức, dự thảo và mô hình"

get / >/dev/null
tdh=$(grep -o '<a href="/units/[0-9]*">Phường Tân Đông Hiệp</a>' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
ok "a unit page" equals "$(get "/units/$tdh")" 200
ok "unit page heading" contains "$T_DIR/body" "Phường Tân Đông Hiệp"
ok "unit page breadcrumb" contains "$T_DIR/body" '<nav class="crumbs"'
ok "unit page official code" contains "$T_DIR/body" "25948"
ok "unit page lists its neighborhoods" contains "$T_DIR/body" "Chiêu Liêu"

# ------------------------------------------------------------- the portal
get / >/dev/null
ok "home links a current notice" grep -q 'href="/notices/[0-9]*"' "$T_DIR/body"
ok "home links an open vote or meeting" grep -q 'href="/matters/[0-9]*"' "$T_DIR/body"
ok "home links a work" grep -q 'href="/works/[0-9]*"' "$T_DIR/body"
ok "(each in its section: votes, drafts, notices, works, reports)" sh -c "grep -q 'Đang biểu quyết và họp' '$T_DIR/body' && grep -q 'Dự thảo đang lấy ý kiến' '$T_DIR/body' && grep -q 'Thông tin công khai' '$T_DIR/body' && grep -q 'Công trình do Nhân dân cùng làm' '$T_DIR/body' && grep -q 'đã giải quyết trong tháng này' '$T_DIR/body'"
ok "(a ballot with its deadline and turnout)" grep -q 'bỏ phiếu đến [0-9/]* [0-9:]* · [0-9]* trên [0-9]* hộ đã bỏ phiếu' "$T_DIR/body"
ok "(a meeting with its time and place)" grep -q 'họp lúc [0-9/]* [0-9:]* tại ' "$T_DIR/body"
# the chart of reports: the last 12 months, this one last, each bar's
# resolved part within it, and the bars add up to the reports of that span
CHART=$(grep -o 'aria-label="Phản ánh nhận được mỗi tháng:[^"]*"' "$T_DIR/body")
ok "home charts the reports of the last 12 months" test "$(echo "$CHART" | grep -o 'T[0-9]* [0-9]* ([0-9]*)' | wc -l)" = 12
ok "(ending with this month)" grep -q "T$(TZ=Asia/Ho_Chi_Minh date +%-m) [0-9]* ([0-9]*)\"\$" <<<"$CHART"
ok "(resolved within received)" sh -c "echo '$CHART' | grep -o 'T[0-9]* [0-9]* ([0-9]*)' | tr -d '()T' | awk '\$3 > \$2 { bad = 1 } END { exit bad }'"
ok "(holding the demo's reports)" test "$(echo "$CHART" | grep -o 'T[0-9]* [0-9]* ([0-9]*)' | awk '{ s += $2 } END { print s }')" -gt 0
Y=$(TZ=Asia/Ho_Chi_Minh date +%Y)
ok "home gives the year's figures beside last year's" grep -q "Năm $Y qua các con số (trong ngoặc: năm $((Y - 1))):" "$T_DIR/body"
ok "(and charts the works' money over three years, this one last)" grep -q "aria-label=\"Kinh phí vận động cho công trình mỗi năm (triệu đồng): $((Y - 2)) [0-9]* ([0-9]*), $((Y - 1)) [0-9]* ([0-9]*), $Y [0-9]* ([0-9]*)\"" "$T_DIR/body"
ok "the whole tree is at /units" equals "$(get /units)" 200
ok "(down to the neighborhoods, with their households)" grep -q '>Khu phố Đông Tác</a> <span class="counts">[0-9]* hộ' "$T_DIR/body"
ok "a unit's page has the search box kept to it" grep -q "<input type=\"hidden\" name=\"unit\" value=\"$tdh\">" <(curl -s "http://127.0.0.1:$T_PORT/units/$tdh")

# ------------------------------------------------------------- search
ok "search: without words, the form" equals "$(get /search)" 200
ok "(and no result)" lacks "$T_DIR/body" 'class="items'
ok "search for hẻm 7, with accents" equals "$(get '/search?q=h%E1%BA%BBm+7')" 200
ok "(finds the work's notice)" grep -q 'href="/notices/[0-9]*">Kế hoạch công trình: Bê tông hóa hẻm 7' "$T_DIR/body"
ok "the same without accents" equals "$(get '/search?q=hem+7')" 200
ok "(finds it too)" grep -q 'Kế hoạch công trình: Bê tông hóa hẻm 7' "$T_DIR/body"
ok "models are found" equals "$(get '/search?q=h%E1%BA%BBm+xanh')" 200
ok "(in the library)" grep -q 'href="/models/[0-9]*">Hẻm xanh' "$T_DIR/body"
TB=$(grep -o '<a href="/units/[0-9]*">Phường Tân Bình</a>' <(curl -s "http://127.0.0.1:$T_PORT/") | grep -o '[0-9]*' | head -1)
ok "kept to another ward, Đông Tác's work is not found" equals "$(get "/search?q=hem+7&unit=$TB")" 200
ok "(no notice of it)" lacks "$T_DIR/body" 'Bê tông hóa hẻm 7'
ok "words found nowhere: said so" equals "$(get '/search?q=zzqxw')" 200
ok "(in Vietnamese)" contains "$T_DIR/body" "Không tìm thấy kết quả"
ok "malformed UTF-8 in the words: 400" equals "$(get '/search?q=%ff')" 400
ok "words past 200 characters: 400" equals "$(get "/search?q=$(head -c 201 /dev/zero | tr '\0' a)")" 400
ok "a unit that is not a number: 400" equals "$(get '/search?q=a&unit=abc')" 400
ok "a unit that does not exist: 404" equals "$(get '/search?q=a&unit=999999')" 404

ok "unknown unit is 404" equals "$(get /units/999999)" 404
ok "404 page in Vietnamese" contains "$T_DIR/body" "Không tìm thấy trang"
ok "unknown path is 404" equals "$(get /no/such/page)" 404
ok "a non-numeric id is 404" equals "$(get /units/abc)" 404
ok "wrong method is 405" equals "$(get / -X POST)" 405
ok "405 names the allowed methods" grep -qi "^allow: GET, HEAD" "$T_DIR/head"
ok "malformed UTF-8 in the path is 400" equals "$(get /units/%ff%fe)" 400
ok "a NUL in the path is 400" equals "$(get /units/%00)" 400
head -c 2000000 /dev/zero >"$T_DIR/big"
ok "an oversized body is 413" equals "$(get / -X POST --data-binary @"$T_DIR/big")" 413
ok "HEAD works" equals "$(curl -s -o /dev/null -w '%{http_code}' -I "http://127.0.0.1:$T_PORT/")" 200
ok "an access log line per request" grep -q "GET /healthz 200" "$T_DIR/server.log"
"$DANVAN_BIN" serve --db "$DB" --port "$T_PORT" >"$T_DIR/second.out" 2>&1
ok "a second server on the same port is refused" equals "$?" 1
ok "saying the port is in use" contains "$T_DIR/second.out" "already in use"

# Prometheus metrics
get /api/v1/rules >/dev/null
get /api/v1/consultations >/dev/null
ok "/metrics" equals "$(get /metrics)" 200
# the last routes of the table are counted by name (a fixed-size table once
# counted everything past route 128 as unmatched)
ok "counts the API's routes by name" grep -Eq '^danvan_http_requests_total\{method="GET",route="/api/v1/consultations",status="200"\} [1-9]' "$T_DIR/body"
ok "to the last part of the table" grep -Eq '^danvan_http_requests_total\{method="GET",route="/api/v1/rules",status="200"\} [1-9]' "$T_DIR/body"
ok "in the text format" grep -qi '^content-type: text/plain; version=0.0.4' "$T_DIR/head"
ok "counts the home page by route and status" grep -Eq '^danvan_http_requests_total\{method="GET",route="/",status="200"\} [1-9]' "$T_DIR/body"
ok "counts unknown paths apart" grep -Eq '^danvan_http_requests_total\{method="",route="unmatched",status="404"\} [1-9]' "$T_DIR/body"
ok "counts wrong methods apart too" grep -Eq 'route="unmatched",status="405"\} [1-9]' "$T_DIR/body"
ok "has a latency histogram" grep -Eq '^danvan_http_request_duration_seconds_bucket\{le="\+Inf"\} [1-9]' "$T_DIR/body"
ok "and open connections" grep -Eq '^danvan_open_connections [0-9]+' "$T_DIR/body"
ok "and database errors" grep -Eq '^danvan_db_errors_total 0' "$T_DIR/body"

# HTTP/2 without TLS (prior knowledge): header names must be lower case
ok "HTTP/2: health" equals "$(get /healthz --http2-prior-knowledge)" 200
ok "HTTP/2: the stylesheet" equals "$(get "$css" --http2-prior-knowledge)" 200
ok "HTTP/2: a 405 with Allow" equals "$(get / -X POST --http2-prior-knowledge)" 405
ok "HTTP/2: a page" equals "$(get / --http2-prior-knowledge)" 200
ok "a control character in the path is refused" equals "$(get /units/1%0aGET%20/forged)" 400
ok "and forges no log line" lacks "$T_DIR/server.log" "^GET /forged"
ok "the language link stays on this site" equals "$(get //evil.example/x)" 404
ok "(relative link)" lacks "$T_DIR/body" 'href="//evil'

# SIGTERM while a request is still arriving: it is answered, then the server exits
exec 6<>/dev/tcp/127.0.0.1/$T_PORT
printf 'GET /healthz HTTP/1.1\r\nHost: t\r\n' >&6
sleep 0.2
kill -TERM "$T_PID"
sleep 0.3
printf '\r\n' >&6
read -r -t 5 late_status <&6
ok "a request in flight at SIGTERM is answered" contains <(echo "$late_status") "200"
exec 6>&-
wait "$T_PID"
ok "and the server then exits 0" equals "$?" 0
ok "server restarts" start_server "$DB" --threads 2

# SIGTERM with an idle keep-alive connection open: exit 0, promptly.
exec 5<>/dev/tcp/127.0.0.1/$T_PORT
printf 'GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n' >&5
read -r -t 5 status_line <&5
ok "keep-alive request answered" contains <(echo "$status_line") "200"
kill -TERM "$T_PID"
start=$(date +%s%N)
wait "$T_PID"
rc=$?
elapsed=$((($(date +%s%N) - start) / 1000000))
ok "SIGTERM exits 0" equals "$rc" 0
ok "SIGTERM does not wait for idle connections (${elapsed} ms)" test "$elapsed" -lt 3000
ok "the server logs its stop" grep -q "stopped" "$T_DIR/server.log"
exec 5>&-

# Refusals at start-up.
"$DANVAN_BIN" serve --db "sqlite:$T_DIR/none/x.db" --port "$(free_port)" >"$T_DIR/bad.out" 2>&1
ok "an unreachable database stops the server with code 3" equals "$?" 3
EMPTY=$(new_db)
"$DANVAN_BIN" serve --db "$EMPTY" --port "$(free_port)" >"$T_DIR/bad.out" 2>&1
ok "an uninitialized database is refused" equals "$?" 3
ok "with the fix named" contains "$T_DIR/bad.out" "danvan init"

# DANVAN_NOW starts the clock at an instant, for serve and every command.
DANVAN_NOW=garbage "$DANVAN_BIN" units --db "$DB" >"$T_DIR/now.out" 2>&1
ok "a malformed DANVAN_NOW is a usage error" equals "$?" 2
ok "naming the variable" contains "$T_DIR/now.out" "DANVAN_NOW"
DANVAN_NOW=2031-03-04T09:00:00+07:00 start_server "$DB" --threads 1
ok "serve warns that the clock was moved" grep -q "warn.*DANVAN_NOW=2031-03-04T09:00:00+07:00" "$T_DIR/server.log"
login_as pinned ward@demo >/dev/null
get '/api/v1/units?q=tan%20dong%20hiep' >/dev/null
TDH=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Tân Đông Hiệp".*/\1/p' "$T_DIR/body")
get "/units/$TDH/notices/new" -b "$(jar pinned)" >/dev/null
ok "pages take today from it (a notice's first day)" contains "$T_DIR/body" 'value="2031-03-04"'
kill -TERM "$T_PID"
wait "$T_PID"

# Conventions browsers and checkers look for.
DANVAN_NOW= start_server "$DB" --threads 1
ok "a favicon" equals "$(get /favicon.ico)" 200
ok "(an icon)" grep -qi '^content-type: image/x-icon' "$T_DIR/head"
get / >/dev/null
ok "every page describes itself" grep -q '<meta name="description" content="[^"]' "$T_DIR/body"
ok "and names its icon" grep -q '<link rel="icon" href="/static/icon\.[0-9a-f]*\.svg"' "$T_DIR/body"
ok "pages are compressed for those who ask" sh -c "curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip, br' http://127.0.0.1:$T_PORT/notices | grep -qi '^content-encoding: gzip'"
ok "and read back whole" sh -c "curl -s --compressed http://127.0.0.1:$T_PORT/notices | grep -q '</html>'"
ok "not for those who do not" sh -c "! curl -s -D - -o /dev/null http://127.0.0.1:$T_PORT/notices | grep -qi '^content-encoding'"
kill -TERM "$T_PID"
wait "$T_PID"
