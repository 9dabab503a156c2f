#!/bin/bash
# Many app servers on one PostgreSQL with a streaming replica, on loopback:
# a primary, a replica made by pg_basebackup, two danvan servers (each with
# --db-read on the replica) and haproxy in front of them. A resident votes
# through one server, an officer publishes through the other, both read back
# through haproxy (at once, from the primary, thanks to the write's dv_w
# cookie; without it, from the replica, once it has caught up). Then a
# stream of ballots goes through haproxy while one server is killed with
# SIGKILL: every acknowledged ballot must be in the database, counted once,
# and the audit chains must hold.
. "$(dirname "$0")/../lib.sh"
CLIENT=${DANVAN_BIN%/danvan}/bench/ballots
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# PostgreSQL itself is not killed here: it runs without fsync, as the suite's
PG=$("$ROOT/scripts/pgtest.sh" start) || { echo "not ok - no primary"; exit 1; }
PDIR=${PG%% *} PURL=${PG#* }
RDIR=""
HA_PID=""
cluster_cleanup() {
	[ -z "$HA_PID" ] || kill "$HA_PID" 2>/dev/null
	t_cleanup
	[ -z "$RDIR" ] || "$ROOT/scripts/pgtest.sh" stop "$RDIR"
	"$ROOT/scripts/pgtest.sh" stop "$PDIR"
}
trap cluster_cleanup EXIT

psql -q "$PURL" -c "CREATE DATABASE city" >/dev/null
DB=${PURL%/*}/city
"$DANVAN_BIN" demo --households 1500 --seed 5 --db "$DB" >"$T_DIR/demo.out" 2>&1
ok "voters are set up" "$CLIENT" setup --db "$DB" --out "$T_DIR/voters"
R=$("$ROOT/scripts/pgtest.sh" replica "$PDIR") || { echo "not ok - no replica"; exit 1; }
RDIR=${R%% *} RURL=${R#* }
READ=${RURL%/*}/city
ok "the replica streams from the primary" equals \
	"$(psql -tA "$PURL" -c "SELECT COUNT(*) FROM pg_stat_replication WHERE state = 'streaming'")" 1
ok "and is read-only" equals "$(psql -tA "$READ" -c "SELECT pg_is_in_recovery()")" t

ok "server A starts" start_server "$DB" --db-read "$READ" --threads 1
A_PORT=$T_PORT A_PID=$T_PID
ok "server B starts" start_server "$DB" --db-read "$READ" --threads 1
B_PORT=$T_PORT B_PID=$T_PID

HA_PORT=$(free_port)
cat >"$T_DIR/haproxy.cfg" <<EOF
global
	maxconn 512
defaults
	mode http
	timeout connect 2s
	timeout client 30s
	timeout server 30s
	retries 3
	option redispatch
frontend web
	bind 127.0.0.1:$HA_PORT
	default_backend danvan
backend danvan
	balance roundrobin
	option httpchk GET /healthz
	server a 127.0.0.1:$A_PORT check inter 300 fall 1 rise 2
	server b 127.0.0.1:$B_PORT check inter 300 fall 1 rise 2
EOF
haproxy -f "$T_DIR/haproxy.cfg" -db >"$T_DIR/haproxy.log" 2>&1 &
HA_PID=$!
T_PORT=$HA_PORT
ok "haproxy answers" within 10 sh -c "curl -sf -o /dev/null http://127.0.0.1:$HA_PORT/healthz"

on() { # on PORT PATH [curl args...]: like get, on one server
	curl -s -o "$T_DIR/body" -D "$T_DIR/head" -w '%{http_code}' "${@:3}" "http://127.0.0.1:$1$2"
}

# ------------------------------------------------- a vote through server A
T_PORT=$A_PORT
RES=$(api_token resident@demo)
on $A_PORT '/api/v1/matters?status=open&limit=100' >/dev/null
MATTERS=$(grep -o '"id":[0-9]*' "$T_DIR/body" | grep -o '[0-9]*')
VOTED=""
for m in $MATTERS; do
	code=$(on $A_PORT "/api/v1/matters/$m/ballot" -c "$(jar res)" -H "Authorization: Bearer $RES" \
		-H 'Content-Type: application/json' -d '{"choice":"yes"}')
	[ "$code" = 200 ] || [ "$code" = 201 ] || continue
	VOTED=$m
	break
done
ok "the resident votes through server A" test -n "$VOTED"
ok "(the answer sets the dv_w cookie: read your write from the primary)" \
	grep -qi '^set-cookie: dv_w=1;.*Max-Age=10' "$T_DIR/head"

# -------------------------------------------- a notice through server B
T_PORT=$B_PORT
WARD=$(api_token ward@demo)
on $B_PORT '/api/v1/units?q=tan%20dong%20hiep' >/dev/null
TDH=$(sed -n 's/.*"id":\([0-9]*\),"kind":"ward","name":"Tân Đông Hiệp".*/\1/p' "$T_DIR/body")
on $B_PORT '/api/v1/notice-categories' >/dev/null
FEES=$(grep -o '"id":[0-9]*,"code":"fees"' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
TITLE="Lịch thu phí vệ sinh $RANDOM"
on $B_PORT /api/v1/notices -c "$(jar ward)" -H "Authorization: Bearer $WARD" \
	-H 'Content-Type: application/json' \
	-d "{\"unit\":$TDH,\"category\":$FEES,\"title\":\"$TITLE\",\"body\":\"Thu từ ngày 5 hằng tháng.\"}" >/dev/null
N=$(sed -n 's/^{"notice":{"id":\([0-9]*\),.*/\1/p' "$T_DIR/body")
ok "the officer writes a notice through server B" test -n "$N"
ok "and publishes it" equals "$(on $B_PORT "/api/v1/notices/$N/publish" -b "$(jar ward)" \
	-c "$(jar ward)" -H "Authorization: Bearer $WARD" -X POST)" 200

# ------------------------------------------------- reading back via haproxy
ok "through haproxy, with the write's cookie, the notice is there at once" \
	equals "$(on $HA_PORT "/api/v1/notices/$N" -b "$(jar ward)")" 200
ok "(published)" grep -q '"status":"published"' "$T_DIR/body"
ok "and the resident's household has voted" \
	equals "$(on $HA_PORT "/api/v1/matters/$VOTED/ballot" -b "$(jar res)" -H "Authorization: Bearer $RES")" 200
ok "(online)" grep -q 'online' "$T_DIR/body"
caught_up() { [ "$(on $HA_PORT "/api/v1/notices/$N")" = 200 ] && grep -q '"status":"published"' "$T_DIR/body"; }
ok "without the cookie, from the replica once it has caught up" within 10 caught_up

# the public reads without a cookie went to the replica: its own counters
replica_reads() { psql -tA "$READ" -c "SELECT tup_returned FROM pg_stat_database WHERE datname = 'city'"; }
before=$(replica_reads)
for _ in $(seq 1 20); do on $HA_PORT "/api/v1/notices?unit=$TDH" >/dev/null; done
sleep 1 # the statistics are flushed at most once a second
ok "public reads are answered from the replica" sh -c "[ $(replica_reads) -gt $before ]"
ok "a page that needs a login reads the primary (it works, with the session)" \
	equals "$(on $HA_PORT /api/v1/me -H "Authorization: Bearer $RES")" 200

# --------------------------------------- a stream, and server A killed in it
"$CLIENT" run --url "http://127.0.0.1:$HA_PORT" --tokens "$T_DIR/voters" --connections 16 \
	--log "$T_DIR/acked" >"$T_DIR/run.out" 2>&1 &
client=$!
for _ in $(seq 1 600); do
	[ "$(wc -l 2>/dev/null <"$T_DIR/acked" || echo 0)" -ge 100 ] && break
	sleep 0.01
done
kill -9 "$A_PID"
at_kill=$(wc -l <"$T_DIR/acked")
wait "$A_PID" 2>/dev/null
wait "$client"
acked=$(wc -l <"$T_DIR/acked")
ok "server A was killed in the middle of the stream ($at_kill acknowledged then)" \
	sh -c "[ $at_kill -ge 100 ] && [ $at_kill -lt $(wc -l <"$T_DIR/voters") ]"
ok "server B went on answering through haproxy ($acked acknowledged in all)" sh -c \
	"[ $acked -gt $at_kill ] && [ $acked -gt $(($(wc -l <"$T_DIR/voters") / 2)) ]"
ok "every acknowledged ballot is there, every count is right" \
	"$CLIENT" check --db "$DB" --log "$T_DIR/acked"
ok "the audit chains hold" "$DANVAN_BIN" verify --db "$DB"
ok "(each commune that took ballots has its own chain)" sh -c \
	"[ \$(psql -tA '$DB' -c 'SELECT COUNT(*) FROM audit_head WHERE id <> 0') -ge 1 ]"
primary_count=$(psql -tA "$DB" -c "SELECT COUNT(*) FROM ballot_box WHERE choice IS NOT NULL")
replica_has_all() { [ "$(psql -tA "$READ" -c "SELECT COUNT(*) FROM ballot_box WHERE choice IS NOT NULL")" = "$primary_count" ]; }
ok "the replica has every ballot too" within 10 replica_has_all
