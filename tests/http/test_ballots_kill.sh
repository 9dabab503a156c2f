#!/bin/bash
# Durability of group commit: a stream of ballots, the server killed with
# SIGKILL in the middle of it; every ballot the server acknowledged must be
# in the database afterwards, counted once, and casting again is refused.
. "$(dirname "$0")/../lib.sh"
CLIENT=${DANVAN_BIN%/danvan}/bench/ballots

DB=$(new_db)
"$DANVAN_BIN" demo --households 1500 --seed 11 --db "$DB" >/dev/null 2>&1
ok "voters are set up" "$CLIENT" setup --db "$DB" --out "$T_DIR/voters"
ok "server starts" start_server "$DB" --threads 2
"$CLIENT" run --url "http://127.0.0.1:$T_PORT" --tokens "$T_DIR/voters" --connections 32 \
	--log "$T_DIR/acked" >"$T_DIR/run.out" 2>&1 &
client=$!
# kill the server once a few hundred ballots are in, while the rest stream
for _ in $(seq 1 400); do
	[ "$(wc -l 2>/dev/null <"$T_DIR/acked" || echo 0)" -ge 200 ] && break
	sleep 0.01
done
kill -9 "$T_PID"
wait "$T_PID" 2>/dev/null
wait "$client"
acked=$(wc -l <"$T_DIR/acked")
ok "the server was killed in the middle of the stream ($acked acknowledged)" \
	sh -c "[ $acked -ge 200 ] && [ $acked -lt $(wc -l <"$T_DIR/voters") ]"
ok "some ballots went unanswered" grep -q ' [1-9][0-9]* unanswered' "$T_DIR/run.out"
ok "every acknowledged ballot is there, every count is right" "$CLIENT" check --db "$DB" --log "$T_DIR/acked"
ok "the server starts again" start_server "$DB" --threads 2
"$CLIENT" run --url "http://127.0.0.1:$T_PORT" --tokens "$T_DIR/voters" --connections 32 \
	--log "$T_DIR/again" >"$T_DIR/again.out" 2>&1
cut -d' ' -f2 "$T_DIR/acked" >"$T_DIR/acked.receipts"
ok "those who were acknowledged cannot vote again" sh -c \
	"! grep -F -q -f '$T_DIR/acked.receipts' '$T_DIR/again'"
ok "the others vote now" sh -c "[ \$(wc -l <'$T_DIR/again') -gt 0 ]"
ok "and still every count is right" "$CLIENT" check --db "$DB" --log "$T_DIR/again"
ok "the audit chain holds" "$DANVAN_BIN" verify --db "$DB"
