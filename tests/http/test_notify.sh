#!/bin/bash
# Notifications against the real binary and a real SMTP server on loopback
# (Debian's aiosmtpd, tests/http/smtp_sink.py, one file per message):
# subscribing by e-mail without an account (CSRF, refusals that write
# nothing), the confirmation mail and its link, a notice published reaching
# confirmed subscribers in their language with the headers a mail client
# needs (List-Unsubscribe one-click, which works), new reports reaching
# their subscribers, the in-app inbox of the
# residents (HTML, header count, JSON API, mark read, choices), a report's
# reporter told of its new state, retries with back-off when the mail server
# is down (no password in the log), and a sender killed mid-batch: nothing
# lost, nothing sent twice.
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3 # Debian's, with python3-aiosmtpd
MAIL=$T_DIR/mail
mkdir -p "$MAIL"
$PY "$(dirname "$0")/smtp_sink.py" "$MAIL" >"$T_DIR/sink.port" 2>"$T_DIR/sink.log" &
T_PIDS+=("$!")
for _ in $(seq 1 100); do [ -s "$T_DIR/sink.port" ] && break; sleep 0.05; done
SMTP_PORT=$(cat "$T_DIR/sink.port")
ok "the loopback mail server listens" test -n "$SMTP_PORT"

DB=$(new_db)
"$DANVAN_BIN" demo --households 200 --seed 3 --db "$DB" >/dev/null 2>&1
export DANVAN_NOTIFY_INTERVAL_MS=100
ok "server starts with --smtp" start_server "$DB" --threads 2 --smtp "smtp://127.0.0.1:$SMTP_PORT"
ok "it says mail goes out" contains "$T_DIR/server.log" "e-mail through smtp://127.0.0.1:$SMTP_PORT"
for who in ward resident; do
	ok "$who logs in" equals "$(login_as $who $who@demo)" 303
done

get '/api/v1/units?q=tan%20dong%20hiep' >/dev/null
TDH=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Tân Đông Hiệp".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=dong%20tac' >/dev/null
DT=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Đông Tác".*/\1/p' "$T_DIR/body")
get '/api/v1/notice-categories' >/dev/null
FEES=$(grep -o '"id":[0-9]*,"code":"fees"' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
ok "found the units and the category" test -n "$TDH" -a -n "$DT" -a -n "$FEES"

# jid: the "id" of the last JSON answer
jid() { $PY -c "import json; j = json.load(open('$T_DIR/body')); print(j.get('notice', j).get('id', ''))" 2>/dev/null; }
# mails_to ADDR: how many messages the server received for ADDR
mails_to() { grep -l -i "^X-Envelope-To: $1" "$MAIL"/*.eml 2>/dev/null | wc -l; }
# wait_mails ADDR N: until ADDR has N messages (10 s at most)
wait_mails() {
	for _ in $(seq 1 200); do [ "$(mails_to "$1")" -ge "$2" ] && return 0; sleep 0.05; done
	echo "$1 has $(mails_to "$1") messages, expected $2"
	return 1
}
# mail ADDR N EXPR: a Python expression over the Nth message to ADDR
# (m: the parsed message, body: its decoded text, subject: decoded)
mail() {
	local f
	f=$(grep -l -i "^X-Envelope-To: $1" "$MAIL"/*.eml | sort | sed -n "${2}p")
	$PY -c "
import email, email.header, email.policy, sys
m = email.message_from_binary_file(open('$f', 'rb'), policy=email.policy.default)
body = m.get_content()
subject = str(m['Subject'])
print($3)"
}

# ------------------------------------------------------------- subscribing
ok "the notices of a unit link to the form" sh -c "curl -s 'http://127.0.0.1:$T_PORT/notices?unit=$DT' | grep -q '/units/$DT/subscribe'"
ok "the form" equals "$(get "/units/$DT/subscribe" -c "$(jar anon)" -b "$(jar anon)")" 200
t=$(csrf_of anon "/units/$DT/subscribe")
sub() { get "/units/$1/subscribe" -c "$(jar anon)" -b "$(jar anon)" -X POST --data-urlencode "csrf=$t" "${@:2}"; }
before=$(q "SELECT COUNT(*) FROM notify_subscription")
ok "no CSRF token: 403" equals "$(get "/units/$DT/subscribe" -X POST -d 'topic=notices&email=a@example.com')" 403
ok "not an address: 400" equals "$(sub "$DT" -d topic=notices --data-urlencode 'email=lan at example')" 400
ok "(said at the field, what was typed kept)" sh -c "grep -q 'id=\"e-email\"' '$T_DIR/body' && grep -q 'lan at example' '$T_DIR/body'"
ok "a header injected: 400" equals "$(sub "$DT" -d topic=notices --data-urlencode $'email=a@example.com\r\nBcc: b@example.com')" 400
ok "no such topic: 400" equals "$(sub "$DT" -d topic=ballots -d email=a@example.com)" 400
ok "no such unit: 404" equals "$(sub 999999 -d topic=notices -d email=a@example.com)" 404
ok "nothing was written" equals "$(q "SELECT COUNT(*) FROM notify_subscription")" "$before"
ok "Lan subscribes to Đông Tác's notices" equals "$(sub "$DT" -d topic=notices --data-urlencode 'email=Lan@Example.com')" 200
ok "(told to check her mail)" contains "$T_DIR/body" "thư"
ok "Tom subscribes in English" equals "$(get "/units/$DT/subscribe?lang=en" -c "$(jar anon)" -b "$(jar anon)" -X POST --data-urlencode "csrf=$t" -d topic=notices -d email=tom@example.com)" 200
ok "Hoa subscribes and never confirms" equals "$(sub "$DT" -d topic=notices -d email=hoa@example.com)" 200
for i in 1 2 3 4 5; do sub "$DT" -d topic=notices -d email=flood@example.com >/dev/null; done
ok "an address asked five times today is not asked a sixth: 429" equals "$(sub "$DT" -d topic=notices -d email=flood@example.com)" 429
ok "(said at the field, in the visitor's language: English since Tom's visit)" sh -c "grep -q 'id=\"e-email\"' '$T_DIR/body' && grep -q 'in the last 24 hours' '$T_DIR/body'"
ok "(five confirmations for it, no more)" equals "$(q "SELECT COUNT(*) FROM notify_outbox WHERE address = 'flood@example.com'")" 5
ok "Lan's confirmation arrives" wait_mails lan@example.com 1
ok "in Vietnamese, naming the unit" equals "$(mail lan@example.com 1 "subject")" "Xác nhận đăng ký nhận tin của Đông Tác"
ok "(Content-Language: vi, plain text in UTF-8)" equals "$(mail lan@example.com 1 "m['Content-Language'], m.get_content_type(), m.get_content_charset()")" "vi text/plain utf-8"
ok "from the unit" equals "$(mail lan@example.com 1 "m['From'].addresses[0].display_name")" "Đông Tác"
CONFIRM=$(mail lan@example.com 1 "[w for w in body.split() if '/subscriptions/confirm/' in w][0]")
ok "with a link to confirm" test -n "$CONFIRM"
ok "Tom's is in English" sh -c "$(declare -f wait_mails mails_to); MAIL='$MAIL' wait_mails tom@example.com 1"
ok "(its subject)" equals "$(mail tom@example.com 1 "subject")" "Confirm your subscription to Đông Tác"
TOM_CONFIRM=$(mail tom@example.com 1 "[w for w in body.split() if '/subscriptions/confirm/' in w][0]")

CPATH=${CONFIRM#http://127.0.0.1:$T_PORT}
ok "the link opens a page with a button (a scanner that follows it changes nothing)" equals "$(get "$CPATH")" 200
ok "(still unconfirmed)" equals "$(q "SELECT COUNT(*) FROM notify_subscription WHERE confirmed_at IS NOT NULL")" 0
ok "a made-up token: 404" equals "$(get "/subscriptions/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" -c "$(jar anon)" -b "$(jar anon)" -X POST --data-urlencode "csrf=$t")" 404
ok "Lan confirms" equals "$(get "$CPATH" -c "$(jar anon)" -b "$(jar anon)" -X POST --data-urlencode "csrf=$t")" 200
ok "Tom confirms" equals "$(get "${TOM_CONFIRM#http://127.0.0.1:$T_PORT}" -c "$(jar anon)" -b "$(jar anon)" -X POST --data-urlencode "csrf=$t")" 200
ok "two confirmed" equals "$(q "SELECT COUNT(*) FROM notify_subscription WHERE confirmed_at IS NOT NULL")" 2

# ----------------------------------------------------- a notice published
WT=$(api_token ward@demo)
apiw() { get "$1" -H "Authorization: Bearer $WT" -H 'Content-Type: application/json' "${@:2}"; }
# publish UNIT TITLE: a notice of UNIT published; its id in N
publish() {
	apiw /api/v1/notices -d "{\"unit\":$1,\"category\":$FEES,\"title\":\"$2\",\"body\":\"Mức thu mới.\"}" >/dev/null
	N=$(jid)
	[ -n "$N" ] && [ "$(apiw "/api/v1/notices/$N/publish" -X POST)" = 200 ]
}
unread_before=$(get /api/v1/me/notifications -b "$(jar resident)" >/dev/null; sed -n 's/.*"unread":\([0-9]*\).*/\1/p' "$T_DIR/body")
ok "the ward publishes a notice (it covers Đông Tác)" publish "$TDH" "Công khai mức phí vệ sinh"
ok "Lan gets it" wait_mails lan@example.com 2
ok "(its subject names the ward and the notice)" equals "$(mail lan@example.com 2 "subject")" "Thông báo mới của Tân Đông Hiệp: Công khai mức phí vệ sinh"
ok "(says why she gets it)" sh -c "$(declare -f mail); PY=$PY MAIL='$MAIL' mail lan@example.com 2 body | grep -q 'Bạn nhận thư này vì đã đăng ký nhận thông báo của'"
ok "(links to the notice)" sh -c "$(declare -f mail); PY=$PY MAIL='$MAIL' mail lan@example.com 2 body | grep -q 'http://127.0.0.1:$T_PORT/notices/$N'"
UNSUB=$(mail lan@example.com 2 "m['List-Unsubscribe'].strip('<>')")
ok "(List-Unsubscribe, one-click)" equals "$(mail lan@example.com 2 "m['List-Unsubscribe-Post']")" "List-Unsubscribe=One-Click"
ok "(the same link is in the text)" sh -c "$(declare -f mail); PY=$PY MAIL='$MAIL' mail lan@example.com 2 body | grep -q -F '$UNSUB'"
ok "Tom gets it in English" sh -c "$(declare -f wait_mails mails_to); MAIL='$MAIL' wait_mails tom@example.com 2"
ok "(its subject)" equals "$(mail tom@example.com 2 "subject")" "New notice from Tân Đông Hiệp: Công khai mức phí vệ sinh"
ok "Hoa, unconfirmed, got only her confirmation" equals "$(mails_to hoa@example.com)" 1

# -------------------------------------------------------------- the inbox
wait_inbox() {
	for _ in $(seq 1 200); do
		get /api/v1/me/notifications -b "$(jar resident)" >/dev/null
		grep -q -F "$1" "$T_DIR/body" && return 0
		sleep 0.05
	done
	return 1
}
ok "the resident's inbox has it (in the app by default)" wait_inbox "Công khai mức phí vệ sinh"
unread=$(sed -n 's/.*"unread":\([0-9]*\).*/\1/p' "$T_DIR/body")
ok "one more unread" equals "$unread" "$((unread_before + 1))"
ok "(a link to the notice)" contains "$T_DIR/body" "/notices/$N\""
ok "the API without a session: 401" equals "$(get /api/v1/me/notifications)" 401
ok "a bad filter: 400" equals "$(get '/api/v1/me/notifications?unread=2' -b "$(jar resident)")" 400
ok "the header counts the unread" sh -c "curl -s -b '$(jar resident)' 'http://127.0.0.1:$T_PORT/me' | grep -q 'Thông báo ($unread chưa đọc)'"
ok "/me/notifications lists it" equals "$(get /me/notifications -b "$(jar resident)")" 200
ok "(with the notice's link)" contains "$T_DIR/body" "href=\"/notices/$N\""
get '/api/v1/me/notifications?limit=1' -b "$(jar resident)" >/dev/null
ID=$(sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p' "$T_DIR/body")
rt=$(csrf_of resident /me/notifications)
rpost() { get "$1" -b "$(jar resident)" -X POST --data-urlencode "csrf=$rt" "${@:2}"; }
ok "mark read without CSRF: 403" equals "$(get /me/notifications/read -b "$(jar resident)" -X POST -d "id=$ID")" 403
ok "mark read a bad id: 400" equals "$(rpost /me/notifications/read -d "id=${ID}x")" 400
ok "mark read someone else's (or none): 404" equals "$(rpost /me/notifications/read -d "id=999999999")" 404
ok "mark read" equals "$(rpost /me/notifications/read -d "id=$ID")" 303
ok "one less unread" equals "$(get /api/v1/me/notifications -b "$(jar resident)" >/dev/null; sed -n 's/.*"unread":\([0-9]*\).*/\1/p' "$T_DIR/body")" "$((unread - 1))"
ok "mark all read" equals "$(rpost /me/notifications/read)" 303
ok "none unread" equals "$(get '/api/v1/me/notifications?unread=1' -b "$(jar resident)" >/dev/null; sed -n 's/.*"unread":\([0-9]*\).*/\1/p' "$T_DIR/body")" 0
ok "a choice that does not exist: 400" equals "$(rpost /me/notifications/prefs -d notice_published=sms -d report_changed=inapp)" 400
ok "(nothing saved)" equals "$(q "SELECT COUNT(*) FROM notify_pref")" 0
ok "the resident wants no notices" equals "$(rpost /me/notifications/prefs -d notice_published=none -d report_changed=inapp)" 303

# ------------------------------------------- one-click unsubscribe, choices
ok "a mail client's one-click unsubscribe (no session, no form)" equals "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d 'List-Unsubscribe=One-Click' "$UNSUB")" 200
ok "(again: still fine)" equals "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d 'List-Unsubscribe=One-Click' "$UNSUB")" 200
ok "a made-up unsubscribe token: 404" equals "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$T_PORT/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")" 404
ok "Đông Tác publishes a notice" publish "$DT" "Lịch thu gom rác mới"
ok "Tom gets it" sh -c "$(declare -f wait_mails mails_to); MAIL='$MAIL' wait_mails tom@example.com 3"
sleep 0.3
ok "Lan, unsubscribed, does not" equals "$(mails_to lan@example.com)" 2
ok "the resident who chose none has nothing new" equals "$(get '/api/v1/me/notifications?unread=1' -b "$(jar resident)" >/dev/null; sed -n 's/.*"unread":\([0-9]*\).*/\1/p' "$T_DIR/body")" 0

# ------------------------------------------------------ a report's reporter
ok "Minh subscribes to new reports in Đông Tác" equals "$(sub "$DT" -d topic=reports -d email=minh@example.com)" 200
ok "(his confirmation)" sh -c "$(declare -f wait_mails mails_to); MAIL='$MAIL' wait_mails minh@example.com 1"
MINH=$(mail minh@example.com 1 "[w for w in body.split() if '/subscriptions/confirm/' in w][0]")
ok "he confirms" equals "$(get "${MINH#http://127.0.0.1:$T_PORT}" -c "$(jar anon)" -b "$(jar anon)" -X POST --data-urlencode "csrf=$t")" 200
RT=$(api_token resident@demo)
get /api/v1/report-categories >/dev/null
POTHOLE=$(grep -o '"id":[0-9]*,"code":"pothole"' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
get /api/v1/reports -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' -d "{\"category\":$POTHOLE,\"unit\":$DT,\"address\":\"Trước số 5 hẻm 15\",\"description\":\"Ổ gà lớn\"}" >/dev/null
R=$(jid)
ok "the resident reports a pothole" test -n "$R"
ok "Minh hears of the new report" sh -c "$(declare -f wait_mails mails_to); MAIL='$MAIL' wait_mails minh@example.com 2"
ok "(its subject and link, in the language he subscribed in)" equals "$(mail minh@example.com 2 "subject, '/reports/$R' in body")" "New report in Đông Tác: Ổ gà, hư hỏng mặt đường True"
ok "the officer acknowledges it" equals "$(apiw "/api/v1/reports/$R/act" -d '{"action":"acknowledge"}')" 200
ok "the reporter is told, in the app, with the report's link" wait_inbox "/reports/$R\""
ok "(and its new state, in Vietnamese)" contains "$T_DIR/body" "nay đã chuyển sang: Đã tiếp nhận"

# ----------------------------- the mail server down: retries, no secrets
kill -TERM "$T_PID"; wait "$T_PID" 2>/dev/null
CLOSED=$(free_port)
ok "server starts with a mail server that is down (and a password)" start_server "$DB" --threads 1 --smtp "smtp://danvan:s3cr3tpw@127.0.0.1:$CLOSED"
ok "Đông Tác publishes again" publish "$DT" "Thông báo tạm ngừng cấp nước"
wait_attempt() {
	for _ in $(seq 1 200); do
		[ "$(q "SELECT COUNT(*) FROM notify_attempt a JOIN notify_outbox o ON o.id = a.outbox_id WHERE o.entity_id = $N AND o.entity = 'notice' AND a.ok = 0")" -ge 1 ] && return 0
		sleep 0.05
	done
	return 1
}
ok "the attempt is recorded as failed" wait_attempt
ok "(the message waits, its next attempt later)" equals "$(q "SELECT state, attempts, CASE WHEN next_attempt_at > created_at THEN 1 ELSE 0 END FROM notify_outbox WHERE entity = 'notice' AND entity_id = $N AND channel = 'email'" | tr '\n' ' ')" "pending|1|1 "
ok "(its error is kept)" sh -c "[ -n \"\$(echo \"$(q "SELECT last_error FROM notify_outbox WHERE entity = 'notice' AND entity_id = $N AND channel = 'email'")\" | grep smtp)\" ]"
ok "the password is in no log" lacks "$T_DIR/server.log" "s3cr3tpw"
kill -TERM "$T_PID"; wait "$T_PID" 2>/dev/null

# --------------------------------------- killed mid-batch: nothing lost or doubled
# 600 more confirmed subscribers of the ward, then a notice to all of them
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600) INSERT INTO notify_subscription (ward_id, unit_id, topic, email, lang, confirm_hash, unsubscribe_token, created_at, confirmed_at) SELECT $TDH, $TDH, 'notices', 'bulk' || i || '@example.com', 'vi', 'h' || i, 'u' || i || 'xxxxxxxxxxxxxxxxxxxxxx', 0, 0 FROM n" >/dev/null
WANT=$(($(q "SELECT COUNT(*) FROM notify_subscription WHERE topic = 'notices' AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL")))
ok "the server starts again" start_server "$DB" --threads 1 --smtp "smtp://127.0.0.1:$SMTP_PORT"
ok "the ward publishes a notice" publish "$TDH" "Kế hoạch tiêm chủng"
K=$N
subject_count() { grep -l "Message-ID: <notify-" "$MAIL"/*.eml | xargs grep -l -F "$1" 2>/dev/null | wc -l; }
for _ in $(seq 1 400); do
	[ "$(q "SELECT COUNT(*) FROM notify_outbox WHERE entity = 'notice' AND entity_id = $K AND state = 'sent' AND channel = 'email'")" -ge 30 ] && break
	sleep 0.02
done
kill -9 "$T_PID"; wait "$T_PID" 2>/dev/null
sent_then=$(q "SELECT COUNT(*) FROM notify_outbox WHERE entity = 'notice' AND entity_id = $K AND state = 'sent' AND channel = 'email'")
ok "killed mid-batch ($sent_then of $WANT sent)" test "$sent_then" -lt "$WANT" -a "$sent_then" -gt 0
ok "the server starts again" start_server "$DB" --threads 1 --smtp "smtp://127.0.0.1:$SMTP_PORT"
drained() {
	for _ in $(seq 1 600); do
		[ "$(q "SELECT COUNT(*) FROM notify_outbox WHERE entity = 'notice' AND entity_id = $K AND state <> 'sent'")" = 0 ] && return 0
		sleep 0.05
	done
	return 1
}
ok "the rest is sent" drained
# every mail of notice K, by the Message-ID the sender gives each message
ids() {
	for f in "$MAIL"/*.eml; do
		$PY -c "
import email, email.policy
m = email.message_from_binary_file(open('$f', 'rb'), policy=email.policy.default)
if m['Subject'] and 'Kế hoạch tiêm chủng' in str(m['Subject']): print(m['Message-ID'])"
	done
}
ids >"$T_DIR/ids"
ok "every subscriber got it: $WANT messages" equals "$(sort -u "$T_DIR/ids" | wc -l)" "$WANT"
ok "none twice" equals "$(wc -l <"$T_DIR/ids")" "$WANT"
ok "the outbox agrees: $WANT sent, each in one attempt or more, none failed" equals "$(q "SELECT COUNT(*) FROM notify_outbox WHERE entity = 'notice' AND entity_id = $K AND channel = 'email' AND state = 'sent'")" "$WANT"
ok "the in-app messages of that notice: once each" equals "$(q "SELECT COUNT(*) - COUNT(DISTINCT account_id) FROM notify_inbox WHERE entity = 'notice' AND entity_id = $K")" 0

ok "the audit chain holds" "$DANVAN_BIN" verify --db "$DB"

# ------------------------------------------------------------ the digest
# A resident who chose a daily digest, in English, gets the notices of the
# night in one mail at seven (the clock set to just before it, tomorrow).
kill -9 "$T_PID"; wait "$T_PID" 2>/dev/null
export DANVAN_NOW="$(vn_day 1)T06:59:52+07:00"
ok "the server starts at 06:59:52 tomorrow" start_server "$DB" --threads 2 --smtp "smtp://127.0.0.1:$SMTP_PORT"
unset DANVAN_NOW
ok "the resident logs in again" equals "$(rm -f "$(jar res2)"; login_as res2 resident@demo)" 303
pt=$(csrf_of res2 /me/notifications)
ok "and chooses a daily digest for notices, in English" equals "$(get /me/notifications/prefs -b "$(jar res2)" -X POST --data-urlencode "csrf=$pt" -d notice_published=digest -d lang=en)" 303
ok "(the form shows both choices)" sh -c "curl -s -b '$(jar res2)' http://127.0.0.1:$T_PORT/me/notifications | grep -q 'value=\"digest\" selected' && curl -s -b '$(jar res2)' http://127.0.0.1:$T_PORT/me/notifications | grep -q 'value=\"en\" selected'"
ok "a language not offered: 400" equals "$(get /me/notifications/prefs -b "$(jar res2)" -X POST --data-urlencode "csrf=$pt" -d lang=fr)" 400
before_digest=$(mails_to resident@demo)
WT=$(api_token ward@demo)
ok "the ward publishes two notices before seven" publish "$TDH" "Lịch thu gom rác"
ok "(the second)" publish "$DT" "Lịch cắt điện"
ok "(no mail yet: they wait for the digest)" sh -c "sleep 1; [ \$(grep -l -i '^X-Envelope-To: resident@demo' '$MAIL'/*.eml 2>/dev/null | wc -l) = $before_digest ]"
ok "at seven, one mail" wait_mails resident@demo $((before_digest + 1))
n_mail=$((before_digest + 1))
ok "(in English, counting them)" equals "$(mail resident@demo $n_mail subject)" "Your daily digest: 2 messages"
ok "(listing both with their links)" sh -c "$(declare -f mail); PY=$PY MAIL='$MAIL' mail resident@demo $n_mail body | grep -c '/notices/' | grep -qx 2"
