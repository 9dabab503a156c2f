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
dv demo --households 1000001 >"$out" 2>&1
ok "more than 1000000 households is refused (2)" equals "$?" 2

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

# Import: a good file, a bad one (nothing imported), and --skip-bad.
DB2=$(new_db)
dv demo --households 20 --db "$DB2" >/dev/null 2>&1
printf '%s\r\n' "Mã hộ,Khu phố,Địa chỉ,Họ tên,Ngày sinh,Giới tính,Quan hệ,Điện thoại,CCCD" \
	"HK-T1,Đông Tác,\"Số 3, đường Mồi\",Võ Văn Khải,01/02/1970,Nam,Chủ hộ,0903 111 222," \
	"HK-T1,Đông Tác,\"Số 3, đường Mồi\",Lê Thị Hằng,05/06/1972,Nữ,Vợ,," \
	"HK-T2,Chiêu Liêu,Số 9 Chiêu Liêu,Phan Văn Tú,,nam,Chủ hộ,," >"$T_DIR/good.csv"
dv import households "$T_DIR/good.csv" --unit code:25948 --db "$DB2" >"$out" 2>&1
ok "import a good file" equals "$?" 0
ok "import reports what it did" grep -q "2 households, 3 residents" "$out"
count_in() { dv units --db "$DB2" --under code:25948 | grep "$1" | awk '{print $(NF-1)}'; }
dt_before=$(count_in "Đông Tác")
cl_before=$(count_in "Chiêu Liêu")
cp "$T_DIR/good.csv" "$T_DIR/bad.csv"
sed -i 's/HK-T1/HK-T3/; s/HK-T2/HK-T4/; s/01\/02\/1970/31\/02\/1970/' "$T_DIR/bad.csv"
dv import households "$T_DIR/bad.csv" --unit code:25948 --db "$DB2" >"$out" 2>&1
ok "a file with a bad row is refused (4)" equals "$?" 4
ok "the bad row is named by file and line" grep -q "bad.csv:2: " "$out"
ok "nothing of the refused file was imported" equals "$(count_in "Chiêu Liêu")" "$cl_before"
dv import households "$T_DIR/bad.csv" --unit code:25948 --skip-bad --db "$DB2" >"$out" 2>&1
ok "--skip-bad imports the good household" equals "$?" 0
ok "--skip-bad writes the rejects file" test -s "$T_DIR/bad.rejects.csv"
ok "the rejects file names the reason" grep -q "birth_date" "$T_DIR/bad.rejects.csv"
ok "the good household arrived" equals "$(count_in "Chiêu Liêu")" "$((cl_before + 1))"
ok "the bad household did not" equals "$(count_in "Đông Tác")" "$dt_before"

# the rules in force, changed for a deployment
dv rules --db "$DB2" >"$out" 2>&1
ok "rules lists the thresholds with the law's" grep -q "^meeting_quorum *50  (law: 50, percent 1 to 99)" "$out"
dv rules set ballot_validity 60 --db "$DB2" >"$out" 2>&1
ok "rules set changes one" grep -q "^ballot_validity *60  (law: 50" "$out"
dv rules set ballot_validity 100 --db "$DB2" >"$out" 2>&1
ok "out of its range: refused (4)" equals "$?" 4
dv rules set no_such_rule 3 --db "$DB2" >"$out" 2>&1
ok "an unknown rule: refused (4)" equals "$?" 4
dv rules set ballot_validity --db "$DB2" >"$out" 2>&1
ok "a missing value: usage (2)" equals "$?" 2
dv rules --db "$DB2" >"$out" 2>&1
ok "the change stayed, the refusals changed nothing" grep -q "^ballot_validity *60 " "$out"

# Units: the official list, then the changes a reorganization makes
DATA=$(dirname "$0")/../data
DB3=$(new_db)
dv init --db "$DB3" >/dev/null 2>&1
dv units --db "$DB3" >"$out" 2>&1
ok "a new database has no units" test ! -s "$out"
dv help units >"$out" 2>&1
for sub in import add rename move merge split; do
	ok "help units lists $sub" grep -q "danvan units $sub" "$out"
done
dv units import --db "$DB3" >"$out" 2>&1
ok "import without a file: usage (2)" equals "$?" 2
dv units import "$T_DIR/none.csv" --db "$DB3" >"$out" 2>&1
ok "import of a missing file: refused (4)" equals "$?" 4
dv units import "$DATA/units_2023.csv" --db "$DB3" >"$out" 2>&1
ok "import the 2023 list" equals "$?" 0
ok "says how many" grep -q "imported 9 units (0 already there)" "$out"
dv units import "$DATA/units_2023.csv" --db "$DB3" >"$out" 2>&1
ok "import it again: nothing to do, exit 0" equals "$?" 0
ok "and says so" grep -q "nothing to import: the 9 units of .* are already there" "$out"
units_of() { dv units --db "$DB3" --depth 9 >"$T_DIR/units.txt" 2>&1; }
units_of
ok "the wards sit under the city" grep -q "^    [0-9]* *ward *25948 *Tân Đông Hiệp" "$T_DIR/units.txt"
ok "the city under the province" grep -q "^  [0-9]* *city *724 *Dĩ An" "$T_DIR/units.txt"
printf '%s\n' "code,name,kind,parent_code" "25963,Phường Mới,ward,724" "725,Thuận An,district,74" \
	"25966,Phường Lạc,ward,999" "25942,Dĩ An,ward,724" >"$T_DIR/bad_units.csv"
dv units import "$T_DIR/bad_units.csv" --db "$DB3" >"$out" 2>&1
ok "a file with bad lines: refused (4)" equals "$?" 4
ok "the bad kind named by file and line" grep -q "bad_units.csv:3: Unknown kind 'district'" "$out"
ok "the unknown parent too" grep -q "bad_units.csv:4: Unknown parent code 999" "$out"
units_of
ok "and nothing was imported" lacks "$T_DIR/units.txt" "Phường Mới"
printf '%s\n' "code,name,kind,parent_code" "25942,Dĩ An mới,ward,724" >"$T_DIR/renamed.csv"
dv units import "$T_DIR/renamed.csv" --db "$DB3" >"$out" 2>&1
ok "a unit held with another name: refused (4)" equals "$?" 4
ok "naming the command to use" grep -q "danvan units rename code:25942" "$out"

dv units add neighborhood "Đông Tác" --under code:25948 --db "$DB3" >"$out" 2>&1
ok "add a neighborhood" equals "$?" 0
dt3=$(sed -n 's/^added neighborhood \([0-9]*\):.*/\1/p' "$out")
dv units add neighborhood "Chiêu Liêu" --under code:25948 --date 2023-01-01 --db "$DB3" >"$out" 2>&1
ok "add one with an effective date" grep -q "on 01/01/2023" "$out"
dv units add ward "Phường X" --under "$dt3" --db "$DB3" >"$out" 2>&1
ok "a ward under a neighborhood: refused (4)" equals "$?" 4
dv units add district "Quận X" --db "$DB3" >"$out" 2>&1
ok "an unknown kind: usage (2)" equals "$?" 2
dv units add neighborhood "Tân An" --under code:25948 --date 31/02/2025 --db "$DB3" >"$out" 2>&1
ok "a malformed date: usage (2)" equals "$?" 2
dv units add neighborhood "Tân An" --under code:25948 --date 2099-01-01 --db "$DB3" >"$out" 2>&1
ok "a date after today: refused (4)" equals "$?" 4
dv units add neighborhood "" --under code:25948 --db "$DB3" >"$out" 2>&1
ok "an empty name: refused (4)" equals "$?" 4
dv units rename code:25951 "Bình An mới" --date 01/07/2025 --db "$DB3" >"$out" 2>&1
ok "rename" grep -q "Bình An is now Bình An mới, on 01/07/2025" "$out"
dv units rename code:25951 --db "$DB3" >"$out" 2>&1
ok "rename without a name: usage (2)" equals "$?" 2
dv units move code:25960 code:74 --date 01/07/2025 --db "$DB3" >"$out" 2>&1
ok "move a ward under the province" equals "$?" 0
dv units move code:25954 "$dt3" --db "$DB3" >"$out" 2>&1
ok "a ward under a neighborhood: refused (4)" equals "$?" 4
dv units move code:25954 code:99999 --db "$DB3" >"$out" 2>&1
ok "an unknown unit: refused (4)" equals "$?" 4
dv units merge code:25942 code:25942 --db "$DB3" >"$out" 2>&1
ok "merge into itself: refused (4)" equals "$?" 4
dv units merge code:724 code:25942 --db "$DB3" >"$out" 2>&1
ok "merge into its own ward: refused (4)" equals "$?" 4
dv units merge code:25957 code:25942 --date 2025-07-01 --db "$DB3" >"$out" 2>&1
ok "merge two wards" grep -q "merged unit [0-9]* Đông Hòa into [0-9]* Dĩ An, on 01/07/2025" "$out"
dv units merge code:25957 code:25942 --db "$DB3" >"$out" 2>&1
ok "the merged ward's code is gone: refused (4)" equals "$?" 4
dv units split code:25948 --into "Tân Đông Hiệp A=$dt3" --db "$DB3" >"$out" 2>&1
ok "split into one: usage (2)" equals "$?" 2
dv units split code:25948 --into "Tân Đông Hiệp A=$dt3" --into "Tân Đông Hiệp B" --db "$DB3" >"$out" 2>&1
ok "a unit left out of the split: refused (4)" equals "$?" 4
ok "naming it" grep -q "Chiêu Liêu is given to none of the new units" "$out"
dv units split code:25948 --into "Tân Đông Hiệp A#25948=$dt3" --into "Tân Đông Hiệp B=*" --date 2025-07-01 --db "$DB3" >"$out" 2>&1
ok "split a ward" equals "$?" 0
ok "listing the new units" grep -q "Tân Đông Hiệp B" "$out"
units_of
ok "the new ward took the old code" grep -q "ward *25948 *Tân Đông Hiệp A" "$T_DIR/units.txt"
under_b() { grep -A1 "Tân Đông Hiệp B" "$T_DIR/units.txt" | grep -q "Chiêu Liêu"; }
ok "Chiêu Liêu went to the other" under_b
ok "the merged and split wards are no longer listed" lacks "$T_DIR/units.txt" "Đông Hòa|Tân Đông Hiệp  "
dv units frobnicate --db "$DB3" >"$out" 2>&1
ok "an unknown subcommand: usage (2)" equals "$?" 2
dv verify --db "$DB3" >"$out" 2>&1
ok "the chain holds after the reorganization" equals "$?" 0
