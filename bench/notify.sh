#!/usr/bin/env bash
# bench/notify.sh: one notice to every household of a ward, by e-mail.
#
# It builds a demo city, adds N households to one neighborhood of the ward
# Tân Đông Hiệp, each with an account that chose to hear of notices by
# e-mail, and serves it with --smtp pointing at a real SMTP server on
# loopback (tests/http/smtp_sink.py, Debian's aiosmtpd, one file per
# message). Then the ward's officer publishes one notice and the bench
# times, from the publishing request: the messages queued (one in-app and
# one e-mail per household, by the sender's expansion of the event), and
# the last mail received by the server. It prints mails per second.
#
# Usage: bench/notify.sh [-n HOUSEHOLDS]
#   -n  households that get the mail (default 20000)
set -euo pipefail

households=20000
while getopts "n:h" o; do
	case $o in
	n) households=$OPTARG ;;
	*) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" check
make -s -C "$root" all >/dev/null
bin=$root/build/danvan
tmp=$(mktemp -d)
pid="" sink=""
cleanup() {
	[ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
	[ -n "$sink" ] && { kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null || true; }
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

. "$root/bench/lib.sh" # free_port
now() { date +%s.%N; }
q() { sqlite3 "$tmp/city.db" "$1"; }

machine_line
echo "# danvan $(git -C "$root" rev-parse --short HEAD), SQLite in WAL mode (the sender's connection synchronous=NORMAL)"
"$bin" demo --households 200 --seed 1 --db "sqlite:$tmp/city.db" >/dev/null 2>&1
# the demo's own events count as told already: only the notice is timed
q "UPDATE notify_event SET expanded_at = created_at"
ward=$(q "SELECT id FROM unit WHERE kind = 'ward' AND name = 'Tân Đông Hiệp'")
hood=$(q "SELECT id FROM unit WHERE kind = 'neighborhood' AND name = 'Đông Tác'")
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $households)
   INSERT INTO household (unit_id, ward_id, origin_unit_id, registered_ward_id, address,
     address_folded, created_at, updated_at)
   SELECT $hood, $ward, $hood, $ward, 'Số ' || i || ' đường Bench', 'so ' || i || ' duong bench', 0, 0 FROM n;
   INSERT INTO account (login, password_hash, display_name, household_id, created_at, updated_at)
   SELECT 'hh' || id || '@example.com', 'x', 'Hộ ' || id, id, 0, 0 FROM household
   WHERE address_folded LIKE '% duong bench';
   INSERT INTO notify_pref (account_id, kind, channel, ward_id, updated_at)
   SELECT id, 'notice_published', 'email', $ward, 0 FROM account WHERE login LIKE 'hh%@example.com';"
echo "# $households households of Tân Đông Hiệp, each an account that hears of notices by e-mail"

mkdir -p "$tmp/mail"
/usr/bin/python3 "$root/tests/http/smtp_sink.py" "$tmp/mail" >"$tmp/sink.port" 2>"$tmp/sink.log" &
sink=$!
for _ in $(seq 1 100); do [ -s "$tmp/sink.port" ] && break; sleep 0.05; done
port=$(free_port)
DANVAN_NOTIFY_INTERVAL_MS=100 "$bin" serve --db "sqlite:$tmp/city.db" --port "$port" \
	--smtp "smtp://127.0.0.1:$(cat "$tmp/sink.port")" 2>"$tmp/server.log" &
pid=$!
for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.05; done
until [ "$(q "SELECT COUNT(*) FROM notify_event WHERE expanded_at IS NULL")" = 0 ] &&
	[ "$(q "SELECT COUNT(*) FROM notify_outbox WHERE state IN ('pending', 'sending')")" = 0 ]; do
	sleep 0.2
done
before=$(find "$tmp/mail" -name '*.eml' | wc -l)

api() { curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
token=$(curl -s -H 'Content-Type: application/json' -d '{"login":"ward@demo","password":"danvan-demo"}' \
	"http://127.0.0.1:$port/api/v1/session" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
fees=$(q "SELECT id FROM notice_category WHERE code = 'fees'")
id=$(api -d "{\"unit\":$ward,\"category\":$fees,\"title\":\"Công khai mức phí vệ sinh năm sau\",\"body\":\"Mức thu mới.\"}" \
	"http://127.0.0.1:$port/api/v1/notices" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["notice"]["id"])')
t0=$(now)
api -o /dev/null -X POST "http://127.0.0.1:$port/api/v1/notices/$id/publish"
until [ "$(q "SELECT COUNT(*) FROM notify_event WHERE entity = 'notice' AND entity_id = $id AND expanded_at IS NOT NULL")" = 1 ]; do
	sleep 0.02
done
t1=$(now)
queued=$(q "SELECT COUNT(*) FROM notify_outbox WHERE entity = 'notice' AND entity_id = $id")
want=$((before + households))
while [ "$(find "$tmp/mail" -name '*.eml' | wc -l)" -lt "$want" ]; do
	sleep 0.05
	kill -0 "$pid" || { echo "bench: danvan stopped" >&2; exit 1; }
done
t2=$(now)
mails=$(($(find "$tmp/mail" -name '*.eml' | wc -l) - before))
inapp=$(q "SELECT COUNT(*) FROM notify_inbox WHERE entity = 'notice' AND entity_id = $id")
failed=$(q "SELECT COUNT(*) FROM notify_outbox WHERE entity = 'notice' AND entity_id = $id AND state = 'failed'")
awk -v q="$queued" -v m="$mails" -v i="$inapp" -v f="$failed" -v t0="$t0" -v t1="$t1" -v t2="$t2" 'BEGIN {
	printf "messages queued:        %d (in-app and e-mail) in %.2f s after the publishing request\n", q, t1 - t0
	printf "mails received:         %d (in-app delivered: %d, failed: %d)\n", m, i, f
	printf "last mail received:     %.2f s after the publishing request\n", t2 - t0
	printf "mails/s:                %.0f\n", m / (t2 - t0)
}'
