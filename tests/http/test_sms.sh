#!/bin/bash
# Text messages against the real binary and a loopback SMS gateway that
# speaks eSMS.vn's API (tests/http/esms_loopback.py): an officer texts a
# notice to the households' representatives after a preview (count, parts,
# cost, the text), confirming the count seen (CSRF; a stale count or no
# gateway changes nothing); each message goes once (RequestId), the
# gateway's refusals and a timeout are handled, the delivery reports count
# households as reached by text message (a forged report is refused, a
# replayed one counts once), the notice's text-message duty is done; a
# ballot reaches a representative by text message by default; the keys
# never reach the log; an officer texts at most three times an hour.
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
SMS_LOG=$T_DIR/sms.jsonl
touch "$SMS_LOG"
$PY "$(dirname "$0")/esms_loopback.py" "$SMS_LOG" test-api-key test-secret-key \
	>"$T_DIR/gw.port" 2>"$T_DIR/gw.log" &
T_PIDS+=("$!")
for _ in $(seq 1 100); do [ -s "$T_DIR/gw.port" ] && break; sleep 0.05; done
GW=http://127.0.0.1:$(cat "$T_DIR/gw.port")/MainService.svc/json/SendMultipleMessage_V4_post_json/
ok "the loopback gateway listens" test -s "$T_DIR/gw.port"

DB=$(new_db)
"$DANVAN_BIN" demo --households 200 --seed 3 --db "$DB" >/dev/null 2>&1
# sent_to PHONE: how many messages the gateway took for PHONE
sent_to() { grep -c "\"Phone\": \"$1\"" "$SMS_LOG"; }

printf 'ApiKey=test-api-key\nSecretKey=test-secret-key\nBrandname=DANVAN\n' >"$T_DIR/keys"
ok "--sms without keys: exit 2" sh -c "DANVAN_SMS_KEY_FILE= '$DANVAN_BIN' serve --db '$DB' --port 1 --sms '$GW' 2>/dev/null; [ \$? = 2 ]"
ok "--sms with another scheme: exit 2" sh -c "DANVAN_SMS_KEY_FILE='$T_DIR/keys' '$DANVAN_BIN' serve --db '$DB' --port 1 --sms ftp://x 2>/dev/null; [ \$? = 2 ]"

# The representatives of Đông Tác get phones the gateway treats apart:
# one not a number (…0000), one slow (…9999), one not delivered (…8888).
DT=$(q "SELECT id FROM unit WHERE name = 'Đông Tác' AND kind = 'neighborhood'")
REPS=$(q "SELECT r.id FROM household h JOIN resident r ON r.id = h.representative_id WHERE h.unit_id = $DT AND h.status = 'active' ORDER BY h.id")
i=0
for r in $REPS; do
	i=$((i + 1))
	case $i in 1) p=0910000000 ;; 2) p=0919999999 ;; 3) p=0918888888 ;; *) p=$(printf '0912%06d' "$i") ;; esac
	q "UPDATE resident SET phone = '$p' WHERE id = $r" >/dev/null
done
HH=$(echo "$REPS" | wc -w)
ok "Đông Tác has households with representatives" test "$HH" -ge 6

# an officer of another ward
BA=$(q "SELECT id FROM unit WHERE name = 'Bình An' AND kind = 'ward'")
printf 'mat-khau-2\n' | "$DANVAN_BIN" user add wardba@demo --name "Cán bộ phường Bình An" --db "$DB" >/dev/null
"$DANVAN_BIN" user grant wardba@demo ward_officer "$BA" --db "$DB" >/dev/null

export DANVAN_NOTIFY_INTERVAL_MS=100 DANVAN_SMS_KEY_FILE=$T_DIR/keys DANVAN_SMS_TIMEOUT_MS=1000 DANVAN_SMS_PRICE=850
ok "server starts with --sms" start_server "$DB" --threads 2 --sms "$GW"
ok "it says text messages go out" contains "$T_DIR/server.log" "text messages through http://127.0.0.1"
ok "ward logs in" equals "$(login_as ward ward@demo)" 303

# a notice of fees (law item 12: it must go by text message)
WT=$(api_token ward@demo)
apiw() { get "$1" -H "Authorization: Bearer $WT" -H 'Content-Type: application/json' "${@:2}"; }
FEES=$(q "SELECT id FROM notice_category WHERE code = 'fees'")
publish() {
	apiw /api/v1/notices -d "{\"unit\":$DT,\"category\":$FEES,\"title\":\"$1\",\"body\":\"Mức thu mới.\"}" >/dev/null
	N=$(grep -o '"notice":{"id":[0-9]*' "$T_DIR/body" | grep -o '[0-9]*$')
	[ -n "$N" ] && [ "$(apiw "/api/v1/notices/$N/publish" -X POST)" = 200 ]
}
ok "the ward publishes a notice of fees in Đông Tác" publish "Mức thu phí vệ sinh năm 2027"
# one household already knows it: it is not texted
FIRST=$(q "SELECT id FROM household WHERE unit_id = $DT AND status = 'active' ORDER BY id DESC LIMIT 1")
t=$(csrf_of ward "/notices/$N/reach")
ok "one household was reached at a meeting" equals "$(get "/notices/$N/reach" -b "$(jar ward)" -X POST --data-urlencode "csrf=$t" -d how=meeting -d unit=$DT -d household=$FIRST)" 303
TO_SEND=$((HH - 1))

ok "the preview opens" equals "$(get "/notices/$N/sms" -b "$(jar ward)")" 200
ok "(it counts the messages to send)" contains "$T_DIR/body" "Gửi $TO_SEND tin nhắn"
ok "(the text as it will go, without marks, with the link)" contains "$T_DIR/body" "Dong Tac: Muc thu phi ve sinh nam 2027. Xem: http://127.0.0.1:$T_PORT/notices/$N"
ok "(the estimated cost at 850 đồng a part)" contains "$T_DIR/body" "$($PY -c "print(f'{$TO_SEND * 850:,} ₫ (850'.replace(',', '.'))")"
ok "(the household reached already is counted apart)" contains "$T_DIR/body" "Đã biết bằng cách khác"
ok "a resident may not open it: 403" equals "$(login_as res resident@demo >/dev/null; get "/notices/$N/sms" -b "$(jar res)")" 403

ok "an officer of another ward (the notice is public, the action is not): 403" equals "$(login_as other wardba@demo mat-khau-2 >/dev/null; get "/notices/$N/sms" -b "$(jar other)")" 403
ok "no such notice: 404" equals "$(get "/notices/99999999/sms" -b "$(jar ward)")" 404
ok "a draft cannot be texted: 409" equals "$(apiw /api/v1/notices -d "{\"unit\":$DT,\"category\":$FEES,\"title\":\"Nháp\",\"body\":\"x\"}" >/dev/null; get "/notices/$(grep -o '"notice":{"id":[0-9]*' "$T_DIR/body" | grep -o '[0-9]*$')/sms" -b "$(jar ward)")" 409
t=$(csrf_of ward "/notices/$N/sms")
ok "no CSRF token: 403" equals "$(get "/notices/$N/sms" -b "$(jar ward)" -X POST -d count=$TO_SEND)" 403
ok "a count not the preview's: 409" equals "$(get "/notices/$N/sms" -b "$(jar ward)" -X POST --data-urlencode "csrf=$t" -d count=$((TO_SEND + 1)))" 409
ok "(saying the count changed)" contains "$T_DIR/body" "đã đổi thành $TO_SEND"
ok "a count not a number: 400" equals "$(get "/notices/$N/sms" -b "$(jar ward)" -X POST --data-urlencode "csrf=$t" -d count=abc)" 400
ok "(nothing was queued)" equals "$(q "SELECT COUNT(*) FROM notify_event WHERE kind = 'notice_sms'")" 0
ok "the officer confirms: 303" equals "$(get "/notices/$N/sms" -b "$(jar ward)" -X POST --data-urlencode "csrf=$t" -d count=$TO_SEND)" 303
ok "(the text-message duty is done today)" equals "$(q "SELECT COUNT(*) FROM notice_duty WHERE notice_id = $N AND channel = 'sms' AND done_on IS NOT NULL")" 1

# all go but the one that is not a number; the slow one timed out, yet the gateway took it
gone() { [ "$(wc -l <"$SMS_LOG")" -ge "$1" ]; }
ok "the gateway takes every message but the invalid number's" within 20 gone $((TO_SEND - 1))
ok "(the invalid number's message is given up at once, with the gateway's reason)" within 10 sh -c "[ \"\$($(declare -f q); DB='$DB' DANVAN_TEST_BACKEND=$DANVAN_TEST_BACKEND q \"SELECT state || ':' || attempts FROM notify_outbox WHERE address = '0910000000' AND kind = 'notice_sms'\")\" = failed:1 ]"
ok "(its error names the code)" contains <(q "SELECT last_error FROM notify_outbox WHERE address = '0910000000' AND kind = 'notice_sms'") "CodeResult 108"
ok "(the slow one waits for its retry)" within 10 sh -c "[ \"\$($(declare -f q); DB='$DB' DANVAN_TEST_BACKEND=$DANVAN_TEST_BACKEND q \"SELECT state FROM notify_outbox WHERE address = '0919999999' AND kind = 'notice_sms'\")\" = pending ]"
ok "(after a timeout)" contains <(q "SELECT last_error FROM notify_outbox WHERE address = '0919999999' AND kind = 'notice_sms'") "Timeout"
# its retry is due now (as if the back-off had passed): the gateway says it has it already
q "UPDATE notify_outbox SET next_attempt_at = 0 WHERE address = '0919999999' AND kind = 'notice_sms'" >/dev/null
ok "the retry is recorded as sent" within 10 sh -c "[ \"\$($(declare -f q); DB='$DB' DANVAN_TEST_BACKEND=$DANVAN_TEST_BACKEND q \"SELECT state FROM notify_outbox WHERE address = '0919999999' AND kind = 'notice_sms'\")\" = sent ]"
ok "(and the gateway took that message once)" equals "$(sent_to 0919999999)" 1
ok "every message went once" equals "$(grep -o '"RequestId": "[^"]*"' "$SMS_LOG" | sort | uniq -d | wc -l)" 0
ok "(in the brand name, customer-care type, without Unicode)" contains "$SMS_LOG" '"Brandname": "DANVAN", "SmsType": "2", "IsUnicode": "0"'

DELIVERED=$((TO_SEND - 2)) # not the invalid number, not the undelivered one
reached_sms() { [ "$(q "SELECT COUNT(*) FROM notice_reach WHERE notice_id = $N AND how = 'sms'")" = "$1" ]; }
ok "each delivery report counts its household as reached by text message" within 15 reached_sms $DELIVERED
ok "(the notice's reach moved with them)" equals "$(q "SELECT reached FROM notice WHERE id = $N")" $((DELIVERED + 1))
ok "(the undelivered one is recorded so)" within 5 sh -c "[ \"\$($(declare -f q); DB='$DB' DANVAN_TEST_BACKEND=$DANVAN_TEST_BACKEND q \"SELECT state FROM notify_outbox WHERE address = '0918888888' AND kind = 'notice_sms'\")\" = failed ]"
CB=$(grep -o '"CallbackUrl": "[^"]*"' "$SMS_LOG" | head -1 | sed 's/.*: "//; s/"$//')
CBP=${CB#http://127.0.0.1:$T_PORT}
ok "a replayed report counts nothing twice" equals "$(get "$CBP?SMSID=x&SendStatus=5&SendSuccess=1&SendFailed=0")" 200
ok "(still)" equals "$(q "SELECT COUNT(*) FROM notice_reach WHERE notice_id = $N AND how = 'sms'")" $DELIVERED
ok "a report with a forged token: 404" equals "$(get "${CBP%/*}/00000000000000000000000000000000?SendStatus=5&SendSuccess=1")" 404
ok "a report with a status not a number: 400" equals "$(get "$CBP?SendStatus=abc")" 400
ok "the preview now says how they fared" equals "$(get "/notices/$N/sms" -b "$(jar ward)")" 200
ok "(delivered, and nothing left to send)" sh -c "grep -q 'Đã nhận' '$T_DIR/body' && ! grep -q 'name=\"count\"' '$T_DIR/body'"
ok "a second send has no one left: 400" equals "$(get "/notices/$N/sms" -b "$(jar ward)" -X POST --data-urlencode "csrf=$t" -d count=0)" 400
ok "the reach page names the way" equals "$(get "/notices/$N/reach")" 200

# a ballot reaches a representative with a phone by text message by default
RES_PHONE=0915550123
q "UPDATE resident SET phone = '$RES_PHONE' WHERE id = (SELECT h.representative_id FROM account a JOIN household h ON h.id = a.household_id WHERE a.login = 'resident@demo')" >/dev/null
HT=$(api_token head@demo)
apih() { get "$1" -H "Authorization: Bearer $HT" -H 'Content-Type: application/json' "${@:2}"; }
M=$(apih /api/v1/matters -d "{\"unit\":$DT,\"type\":6,\"form\":\"online\",\"title\":\"Giờ tắt loa\",\"body\":\"Tắt loa lúc 21 giờ\"}" >/dev/null; grep -o '"id":[0-9]*' "$T_DIR/body" | head -1 | grep -o '[0-9]*')
ok "the head and the front agree to an online vote" sh -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Authorization: Bearer $HT' http://127.0.0.1:$T_PORT/api/v1/matters/$M/agree)\" = 200 ] && [ \"\$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Authorization: Bearer $(api_token front@demo)' http://127.0.0.1:$T_PORT/api/v1/matters/$M/agree)\" = 200 ]"
ok "the head opens it" equals "$(apih "/api/v1/matters/$M/open" -d "{\"closes_at\":\"$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)\"}")" 200
ok "the representative gets a text message" within 10 sh -c "[ \$(grep -c '\"Phone\": \"$RES_PHONE\"' '$SMS_LOG') = 1 ]"
ok "(saying the household may vote, with the link)" contains <(grep "$RES_PHONE" "$SMS_LOG") "Ho cua ban duoc bo phieu"

pt=$(csrf_of res /me/notifications)
ok "text messages are not offered for notices: 400" equals "$(get /me/notifications/prefs -b "$(jar res)" -X POST --data-urlencode "csrf=$pt" -d notice_published=sms)" 400
ok "(for ballots they are, and the default with a phone)" sh -c "curl -s -b '$(jar res)' http://127.0.0.1:$T_PORT/me/notifications | grep -q 'name=\"ballot_opened\"' && curl -s -b '$(jar res)' http://127.0.0.1:$T_PORT/me/notifications | grep -q 'value=\"sms\" selected'"

# an officer texts at most three times an hour
for k in 2 3 4; do
	publish "Thông báo phí số $k" || break
	get "/notices/$N/sms" -b "$(jar ward)" >/dev/null
	C=$(grep -o 'name="count" value="[0-9]*"' "$T_DIR/body" | grep -o '[0-9]*' | tail -1)
	LAST=$(get "/notices/$N/sms" -b "$(jar ward)" -X POST --data-urlencode "csrf=$t" -d "count=$C")
done
ok "the fourth send in an hour: 429" equals "$LAST" 429
ok "the keys never reach the log" lacks "$T_DIR/server.log" "test-secret-key|test-api-key"
