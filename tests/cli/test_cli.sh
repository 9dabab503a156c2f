#!/bin/bash
# The command line: help and exit codes, init/migrate, demo, users, verify, backup.
. "$(dirname "$0")/../lib.sh"
dv() { "$DANVAN_BIN" "$@"; }
out=$T_DIR/out

dv help >"$out" 2>&1
ok "help exits 0" equals "$?" 0
ok "help lists the commands" grep -q "demo" "$out"
ok "help documents exit codes" grep -q "5 audit chain broken" "$out"
dv help import >"$out" 2>&1
ok "help for one command" grep -q "skip-bad" "$out"
dv nosuch >"$out" 2>&1
ok "an unknown command is a usage error (2)" equals "$?" 2
dv demo --households many >"$out" 2>&1
ok "a bad option value is a usage error (2)" equals "$?" 2
dv demo --households 0 >"$out" 2>&1
ok "zero households is refused (2)" equals "$?" 2
dv demo --households 200001 >"$out" 2>&1
ok "more than 200000 households is refused (2)" equals "$?" 2

DB=$(new_db)
dv units --db "$DB" >"$out" 2>&1
ok "a database without schema: exit 3" equals "$?" 3
ok "and the message names the fix" grep -q "danvan init" "$out"
dv init --db "$DB" >"$out" 2>&1
ok "init creates the schema" equals "$?" 0
dv init --db "$DB" >"$out" 2>&1
ok "init twice leaves the database alone" grep -q "already holds a danvan database" "$out"
dv migrate --db "$DB" >"$out" 2>&1
ok "migrate on a current database has nothing to do" grep -q "nothing to do" "$out"
DANVAN_DB=$DB dv units >"$out" 2>&1
ok "DANVAN_DB is honoured" equals "$?" 0

dv demo --households 200 --seed 42 --db "$DB" >"$out" 2>&1
ok "demo fills an initialized database" equals "$?" 0
for login in admin@demo ward@demo head@demo front@demo resident@demo; do
	ok "demo prints $login" grep -q "^  $login " "$out"
done
ok "demo prints the password" grep -q "password danvan-demo" "$out"
dv demo --db "$DB" >"$out" 2>&1
ok "demo on a filled database is refused (4)" equals "$?" 4
dv units --db "$DB" --depth 2 >"$out" 2>&1
ok "units prints the wards with codes" grep -q "25948 .*Tân Đông Hiệp" "$out"
tdh=$(grep "25948" "$out" | awk '{print $1}')
dv units --db "$DB" --under code:25948 >"$out" 2>&1
ok "units under a code" grep -q "Đông Tác" "$out"
dt=$(grep "Đông Tác" "$out" | awk '{print $1}')

dv user add 0912000111 --name "Lê Thị Thu" --password "mat-khau-123" --db "$DB" >"$out" 2>&1
ok "user add" equals "$?" 0
dv user add "+84 912 000 111" --name "Trùng" --password "mat-khau-123" --db "$DB" >"$out" 2>&1
ok "the same phone written otherwise is taken (4)" equals "$?" 4
dv user add x@demo --name "X" --password short --db "$DB" >"$out" 2>&1
ok "a short password is refused (4)" equals "$?" 4
dv user grant 0912000111 head "$dt" --db "$DB" >"$out" 2>&1
ok "user grant by unit id" equals "$?" 0
dv user grant 0912000111 front code:25948 --db "$DB" >"$out" 2>&1
ok "user grant by official code" equals "$?" 0
dv user grant 0912000111 emperor "$dt" --db "$DB" >"$out" 2>&1
ok "an unknown role is a usage error" equals "$?" 2
dv user grant nobody@demo head "$dt" --db "$DB" >"$out" 2>&1
ok "an unknown login is refused (4)" equals "$?" 4
dv user grant 0912000111 head 999999 --db "$DB" >"$out" 2>&1
ok "an unknown unit is refused (4)" equals "$?" 4
printf 'mat-khau-moi-1\n' | dv user passwd 0912000111 --db "$DB" >"$out" 2>&1
ok "passwd reads the new password from stdin" equals "$?" 0

dv verify --db "$DB" >"$out" 2>&1
ok "verify: the chain holds" equals "$?" 0
ok "verify prints the head hash" grep -Eq "^head [0-9a-f]{64}$" "$out"
rows=$(sed -n 's/^audit chain holds: \([0-9]*\) rows/\1/p' "$out")
ok "the chain has rows for the demo and the users" test "${rows:-0}" -gt 100

if [ "$DANVAN_TEST_BACKEND" = sqlite ]; then
	BACKUP=$T_DIR/backup.db
	dv backup "$BACKUP" --db "$DB" >"$out" 2>&1
	ok "backup" equals "$?" 0
	dv verify --db "sqlite:$BACKUP" >"$out" 2>&1
	ok "the backup verifies" grep -q "audit chain holds: $rows rows" "$out"
	dv backup "$BACKUP" --db "$DB" >"$out" 2>&1
	ok "backup does not overwrite a file" equals "$?" 1
	sqlite3 "${DB#sqlite:}" "UPDATE audit SET details = '{\"name\":\"forged\"}' WHERE id = 5"
else
	dv backup "$T_DIR/x.dump" --db "$DB" >"$out" 2>&1
	ok "backup on PostgreSQL names pg_dump" grep -q "pg_dump --format=custom" "$out"
	psql -q "$DB" -c "UPDATE audit SET details = '{\"name\":\"forged\"}' WHERE id = 5"
fi
dv verify --db "$DB" >"$out" 2>&1
ok "verify finds an edited row: exit 5" equals "$?" 5
ok "and names it" grep -q "BROKEN at row 5" "$out"
