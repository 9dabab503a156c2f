#!/bin/bash
# Reorganizing units on the web, and what a reorganization leaves on the
# pages: the demo as of the reform of 1 July 2025.
. "$(dirname "$0")/../lib.sh"
dv() { "$DANVAN_BIN" "$@"; }
DB=$(new_db)
dv demo --households 300 --seed 3 --as-of 2025-07-01 --db "$DB" >/dev/null 2>&1
ok "the demo as of 2025-07-01 builds" equals "$?" 0
ok "server starts" start_server "$DB" --threads 2
dv units --db "$DB" --depth 9 >"$T_DIR/units.txt"
id_of() { awk -v c="$1" '$3 == c {print $1}' "$T_DIR/units.txt"; }
HCMC=$(id_of 79)
TDH=$(id_of 25948)
DIAN=$(grep -E "^  [0-9]+ +ward +- +Dĩ An " "$T_DIR/units.txt" | awk '{print $1}')
TANAN=$(grep " Tân An " "$T_DIR/units.txt" | awk '{print $1}')
ok "found the units" test -n "$HCMC" -a -n "$TDH" -a -n "$DIAN" -a -n "$TANAN"

# the new map, and the old units under their old names
get "/units?lang=en" >/dev/null
ok "the tree starts at Hồ Chí Minh City" contains "$T_DIR/body" "href=\"/units/$HCMC\">City Hồ Chí Minh</a>"
ok "Bình Dương is no longer in it" lacks "$T_DIR/body" "Bình Dương"
get "/units/$DIAN?lang=en" >/dev/null
ok "the new ward names its predecessors" contains "$T_DIR/body" 'id="predecessors"'
ok "(An Bình, merged on the day)" grep -q '>Ward An Bình</a> (merged 01/07/2025)' "$T_DIR/body"
ok "and shows An Bình's notice" contains "$T_DIR/body" "vỉa hè các tuyến đường phường An Bình"
AB=$(grep -o 'href="/units/[0-9]*">Ward An Bình</a>' "$T_DIR/body" | grep -o '[0-9]*' | head -1)
get "/units/$AB?lang=en" >/dev/null
ok "the old ward keeps its page" equals "$(get "/units/$AB?lang=en")" 200
ok "which says where it went" contains "$T_DIR/body" "This unit was merged into <a href=\"/units/$DIAN\">Ward Dĩ An</a> on 01/07/2025."
get "/notices?unit=$DIAN&lang=en" >/dev/null
ok "the new ward's notices include An Bình's" contains "$T_DIR/body" "phường An Bình"
ok "and say so" contains "$T_DIR/body" "Including records of the former units"
get "/notices?unit=$TDH&lang=en" >/dev/null
ok "Tân Đông Hiệp's list does not" lacks "$T_DIR/body" "phường An Bình"
get "/units/$AB?lang=vi" >/dev/null
ok "in Vietnamese too" contains "$T_DIR/body" "Đơn vị này đã được sáp nhập vào"

# who may reorganize
ok "the city administrator logs in" equals "$(login_as admin admin@demo)" 303
ok "the ward officer logs in" equals "$(login_as ward ward@demo)" 303
ok "the head logs in" equals "$(login_as head head@demo)" 303
get "/units/$TDH?lang=en" -b "$(jar admin)" >/dev/null
ok "the ward's page links to the reorganize page" contains "$T_DIR/body" "/units/$TDH/reorganize"
ok "the reorganize page" equals "$(get "/units/$TDH/reorganize?lang=en" -b "$(jar admin)")" 200
ok "offers a merge" contains "$T_DIR/body" 'name="merge-into"'
ok "saying what will happen" contains "$T_DIR/body" "Tân Đông Hiệp keeps its page and its records, marked merged"
ok "and a split, a select per unit below" contains "$T_DIR/body" "name=\"split-unit-$TANAN\""
ok "the ward officer's page" equals "$(get "/units/$TDH/reorganize?lang=en" -b "$(jar ward)")" 200
ok "has rename" contains "$T_DIR/body" 'name="rename-name"'
ok "but no merge" lacks "$T_DIR/body" 'name="merge-into"'
ok "the ward officer has no page for another ward" equals "$(get "/units/$DIAN/reorganize" -b "$(jar ward)")" 404
ok "nor the head for its ward" equals "$(get "/units/$TDH/reorganize" -b "$(jar head)")" 404
ok "anonymous: sent to log in" equals "$(get "/units/$TDH/reorganize")" 303

t=$(csrf_of admin "/units/$TDH/reorganize")
tw=$(csrf_of ward "/units/$TDH/reorganize")
ok "no CSRF token: refused" equals "$(get "/units/$TDH/rename" -b "$(jar admin)" -X POST --data-urlencode 'rename-name=Tân Đông Hiệp mới')" 403
ok "a name that is only spaces: 400" equals "$(get "/units/$TDH/rename?lang=en" -b "$(jar admin)" --data-urlencode "csrf=$t" --data-urlencode 'rename-name=   ')" 400
ok "the error is next to the field" contains "$T_DIR/body" 'id="e-rename-name"'
ok "a name with a control character: 400" equals "$(get "/units/$TDH/rename" -b "$(jar admin)" --data-urlencode "csrf=$t" --data-urlencode "rename-name=Tân$(printf '\x01')")" 400
ok "a malformed date: 400" equals "$(get "/units/$TDH/rename" -b "$(jar admin)" --data-urlencode "csrf=$t" --data-urlencode 'rename-name=Tân Đông Hiệp 2' -d 'rename-effective=2025-02-31')" 400
ok "next to the date" contains "$T_DIR/body" 'id="e-rename-effective"'
get "/units/$TDH?lang=en" >/dev/null
ok "and nothing changed" contains "$T_DIR/body" "<h1>Ward Tân Đông Hiệp</h1>"
ok "the ward officer may not merge its ward: 403" equals "$(get "/units/$TDH/merge" -b "$(jar ward)" --data-urlencode "csrf=$tw" -d "merge-into=/units/$DIAN")" 403
ok "(still active)" equals "$(dv units --db "$DB" --under code:25948 | head -1 | awk '{print $3}')" 25948

# the city administrator reorganizes
ok "add a neighborhood" equals "$(get "/units/$TDH/add" -b "$(jar admin)" --data-urlencode "csrf=$t" -d 'add-kind=neighborhood' --data-urlencode 'add-name=Khu phố Mới' -d 'add-effective=2025-07-01')" 303
NEW=$(dv units --db "$DB" --under code:25948 | grep "Khu phố Mới" | awk '{print $1}')
ok "it is there" test -n "$NEW"
ok "a ward under a ward: 400" equals "$(get "/units/$TDH/add" -b "$(jar admin)" --data-urlencode "csrf=$t" -d 'add-kind=ward' --data-urlencode 'add-name=Phường con')" 400
ok "rename the ward" equals "$(get "/units/$TDH/rename" -b "$(jar admin)" --data-urlencode "csrf=$t" --data-urlencode 'rename-name=Tân Đông Hiệp (mới)')" 303
get "/units/$TDH?lang=en" >/dev/null
ok "the page shows the new name at once" contains "$T_DIR/body" "<h1>Ward Tân Đông Hiệp (mới)</h1>"
ok "merging into an unknown unit: 400" equals "$(get "/units/$NEW/merge" -b "$(jar admin)" --data-urlencode "csrf=$t" -d 'merge-into=00000')" 400
ok "next to the field" contains "$T_DIR/body" 'id="e-merge-into"'
hh=$(get "/units/$TANAN/households" -b "$(jar admin)" >/dev/null; grep -o 'href="/households/[0-9]*"' "$T_DIR/body" | head -1 | grep -o '[0-9]*')
ok "merge Tân An into the new neighborhood, by its page's address" equals "$(get "/units/$TANAN/merge" -b "$(jar admin)" --data-urlencode "csrf=$t" -d "merge-into=http://x/units/$NEW" -d 'merge-effective=2025-08-01')" 303
get "/units/$TANAN?lang=en" >/dev/null
ok "Tân An's page says it was merged" contains "$T_DIR/body" "This unit was merged into <a href=\"/units/$NEW\">Khu phố Mới</a> on 01/08/2025."
get "/households/$hh?lang=en" -b "$(jar admin)" >/dev/null
ok "a household of Tân An has the move in its history" contains "$T_DIR/body" "its unit was merged into another"
ok "from Tân An, on the day" grep -q "01/08/2025</td><td><a href=\"/units/$TANAN\">Tân An</a></td><td><a href=\"/units/$NEW\">Khu phố Mới</a>" "$T_DIR/body"
ok "split the ward" equals "$(get "/units/$TDH/split" -b "$(jar admin)" --data-urlencode "csrf=$t" --data-urlencode 'split-name-1=Tân Đông Hiệp Bắc' -d 'split-code-1=25948' --data-urlencode 'split-name-2=Tân Đông Hiệp Nam' -d "split-unit-$NEW=2")" 303
get "/units/$TDH?lang=en" >/dev/null
ok "the old ward says it was split" contains "$T_DIR/body" "This unit was split into <a href="
ok "into both" grep -q ">Ward Tân Đông Hiệp Bắc</a>, <a href=\"/units/[0-9]*\">Ward Tân Đông Hiệp Nam</a>" "$T_DIR/body"
dv units --db "$DB" --under code:25948 >"$T_DIR/units.txt"
ok "the code went to the first" grep -q "^[0-9]* *ward *25948 *Tân Đông Hiệp Bắc " "$T_DIR/units.txt"
dv verify --db "$DB" >/dev/null 2>&1
ok "the audit chain holds" equals "$?" 0
