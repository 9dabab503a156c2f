#!/usr/bin/env bash
# PostgreSQL only: a slow query never holds up a loop. On PostgreSQL every
# route but the group committer's runs on the database threads, so while a
# request waits 3 seconds on a lock, /healthz and other pages on the same
# (single) loop still answer. The order of events is checked, not a time.
. "$(dirname "$0")/../lib.sh"

if [ "$DANVAN_TEST_BACKEND" != postgres ]; then
	echo "# PostgreSQL only (SQLite queries run on the loop)"
	exit 1
fi

DB=$(new_db)
"$DANVAN_BIN" demo --households 60 --db "$DB" >"$T_DIR/demo.out" 2>&1
ok "demo database" grep -q "60 households" "$T_DIR/demo.out"
ok "server starts with one loop" start_server "$DB" --threads 1
ok "it says where queries run" grep -q "database threads" "$T_DIR/server.log"
TOKEN=$(api_token ward@demo)
ok "a token for ward@demo" test -n "$TOKEN"
TDH=$(curl -s "http://127.0.0.1:$T_PORT/api/v1/units?q=T%C3%A2n%20%C4%90%C3%B4ng%20Hi%E1%BB%87p" |
	node -e "let d='';process.stdin.on('data',c=>d+=c).on('end',()=>console.log(JSON.parse(d).units[0].id))")
ok "the ward's id" test -n "$TDH"

# Someone holds the households' table for 3 seconds...
psql -q "$DB" -c "BEGIN; LOCK TABLE household IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3); COMMIT;" \
	>/dev/null 2>&1 &
LOCKER=$!
for _ in $(seq 1 50); do
	[ "$(psql -tA "$DB" -c "SELECT COUNT(*) FROM pg_locks WHERE relation = 'household'::regclass AND mode = 'AccessExclusiveLock' AND granted")" = 1 ] && break
	sleep 0.1
done
ok "(the lock is held)" test "$(psql -tA "$DB" -c "SELECT COUNT(*) FROM pg_locks WHERE relation = 'household'::regclass AND granted AND mode = 'AccessExclusiveLock'")" = 1

# ...so a list of households waits for it
curl -s -o "$T_DIR/slow" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
	"http://127.0.0.1:$T_PORT/api/v1/households?unit=$TDH" >"$T_DIR/slow.status" &
SLOW=$!
for _ in $(seq 1 50); do
	[ "$(psql -tA "$DB" -c "SELECT COUNT(*) FROM pg_locks WHERE relation = 'household'::regclass AND NOT granted")" -ge 1 ] && break
	sleep 0.1
done
ok "the list waits on the lock" test "$(psql -tA "$DB" -c "SELECT COUNT(*) FROM pg_locks WHERE relation = 'household'::regclass AND NOT granted")" -ge 1

ok "meanwhile /healthz answers on the same loop" equals "$(get /healthz)" 200
ok "and the list is still waiting" kill -0 "$SLOW"
ok "a page that reads the database answers too" equals "$(get /news)" 200
ok "(the list is still waiting)" kill -0 "$SLOW"
ok "an API call as ward@demo too" equals "$(get /api/v1/me -H "Authorization: Bearer $TOKEN")" 200
ok "(still waiting)" kill -0 "$SLOW"

wait "$LOCKER"
wait "$SLOW"
ok "once the lock goes, the list comes" equals "$(cat "$T_DIR/slow.status")" 200
ok "(with the ward's households)" grep -q '"households"' "$T_DIR/slow"
ok "the cached home page is stored from a database thread and served again" \
	sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$T_PORT/) = 200 ] && [ \$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$T_PORT/) = 200 ]"
