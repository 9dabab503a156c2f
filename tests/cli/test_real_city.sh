#!/bin/bash
# A real city starts without the demo, as README.md "Starting a real city"
# tells a ward's IT officer: init, a deployment administrator, the official
# list of units, the ward's neighborhoods, the households; then the
# administrator logs in and sees the ward's households.
. "$(dirname "$0")/../lib.sh"
dv() { "$DANVAN_BIN" "$@"; }
out=$T_DIR/out
DATA=$(dirname "$0")/../data
DB=$(new_db)

dv init --db "$DB" >"$out" 2>&1
ok "init" equals "$?" 0
dv user add it@phuong.example --name "Cán bộ CNTT phường" --password "mat-khau-that-dai" \
	--admin --db "$DB" >"$out" 2>&1
ok "add the deployment administrator" equals "$?" 0
ok "said to be one" grep -q "(deployment administrator)" "$out"
dv user add other@phuong.example --name "Người khác" --password "mat-khau-that-dai" \
	--db "$DB" >/dev/null 2>&1
dv units import "$DATA/units_2023.csv" --db "$DB" >"$out" 2>&1
ok "import the official list" equals "$?" 0
dv units import "$DATA/units_25948_neighborhoods.csv" --db "$DB" >"$out" 2>&1
ok "import the ward's neighborhoods" grep -q "imported 7 units" "$out"
dv units --db "$DB" --depth 9 >"$T_DIR/units.txt" 2>&1
ok "units lists the province" grep -q "^[0-9]* *province *74 *Bình Dương" "$T_DIR/units.txt"
ok "and the seven wards" equals "$(grep -c ' ward ' "$T_DIR/units.txt")" 7
ok "and Tân Đông Hiệp's neighborhoods" equals "$(grep -c ' neighborhood  *25948-0' "$T_DIR/units.txt")" 7
TDH=$(awk '$3 == "25948" {print $1}' "$T_DIR/units.txt")
dv import households "$DATA/households_25948.csv" --unit code:25948 --db "$DB" >"$out" 2>&1
ok "import the households" equals "$?" 0
ok "all of them" grep -q "imported 4 households, 7 residents from 7 rows" "$out"
dv units --db "$DB" --under code:25948 >"$T_DIR/units.txt" 2>&1
ok "counted in the ward" grep -q "25948 *Tân Đông Hiệp *4 households" "$T_DIR/units.txt"
ok "and in its neighborhoods" grep -q "Đông Tác *1 households" "$T_DIR/units.txt"

ok "the server starts" start_server "$DB"
ok "the administrator logs in" equals "$(login_as admin it@phuong.example mat-khau-that-dai)" 303
ok "sees the ward's households" equals "$(get "/units/$TDH/households" -b "$(jar admin)")" 200
ok "with an imported address" contains "$T_DIR/body" "Số 14, đường ĐT743"
ok "and a representative" contains "$T_DIR/body" "Phạm Văn Quang"
get "/units/$TDH" -b "$(jar admin)" >/dev/null
ok "the ward's page offers to reorganize it" contains "$T_DIR/body" "/units/$TDH/reorganize"
ok "another account logs in" equals "$(login_as other other@phuong.example mat-khau-that-dai)" 303
ok "but sees no households" equals "$(get "/units/$TDH/households" -b "$(jar other)")" 404

# units imported after the administrator logged in are its too
printf '%s\n' "code,name,kind,parent_code" "80,Long An,province," "27700,Phường 1,ward,80" \
	"27700-01,Khu phố 1,neighborhood,27700" >"$T_DIR/more.csv"
dv units import "$T_DIR/more.csv" --db "$DB" >"$out" 2>&1
ok "import another province" equals "$?" 0
W=$(dv units --db "$DB" --under code:27700 | awk '$3 == "27700" {print $1}')
ok "its ward's households, in the same session" equals "$(get "/units/$W/households" -b "$(jar admin)")" 200
dv verify --db "$DB" >"$out" 2>&1
ok "the audit chain holds" equals "$?" 0
