#!/bin/bash
# Ballot secrecy: no page, API answer, CSV or PDF that an officer, a
# printer, a counting team or the public can reach shows a household next
# to a receipt, and the database keeps no such pair; the household itself
# gets its receipt (on the answer to its vote, or on its slip's stub) and
# finds its ballot in the public tally. Paper and online never both count
# for a household; a paper ballot entered many times counts once.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 1200 --seed 4 --db "$DB" >"$T_DIR/demo.out" 2>&1
ok "server starts" start_server "$DB" --threads 2
for who in head res ward front; do
	case $who in res) login=resident@demo ;; *) login=$who@demo ;; esac
	ok "$who logs in" equals "$(login_as $who $login)" 303
done
get '/api/v1/units?q=dong%20tac' >/dev/null
DT=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Đông Tác".*/\1/p' "$T_DIR/body")
get "/api/v1/matters?unit=$DT&status=open" >/dev/null
OPEN=$(json 'j.matters.find(m=>m.form=="ballot").id')
ok "the demo's open household ballot" test -n "$OPEN"

# every household of the community: its address and its representative's
# name, one a line; what no page may show beside a receipt
q "SELECT h.address FROM ballot_roll b JOIN household h ON h.id = b.household_id
     WHERE b.matter_id = $OPEN" >"$T_DIR/households"
q "SELECT r.full_name FROM ballot_roll b JOIN household h ON h.id = b.household_id
     JOIN resident r ON r.id = h.representative_id WHERE b.matter_id = $OPEN" >>"$T_DIR/households"
ok "(the community's addresses and names)" sh -c "[ \$(wc -l <'$T_DIR/households') -gt 10 ]"
touch "$T_DIR/receipts" # every receipt the test learns of

# no_pair FILE: the file shows no receipt, or no household
no_pair() {
	if grep -q -F -f "$T_DIR/receipts" "$1" && grep -q -F -f "$T_DIR/households" "$1"; then
		echo "$1 shows a receipt and a household:"
		grep -o -F -f "$T_DIR/receipts" "$1" | head -3
		grep -o -F -f "$T_DIR/households" "$1" | head -3
		return 1
	fi
}

# ------------------------------------------------------- online, once
rt=$(csrf_of res "/matters/$OPEN")
ok "the representative votes online" equals "$(get "/matters/$OPEN/vote" -b "$(jar res)" -X POST --data-urlencode "csrf=$rt" -d choice=yes)" 200
MINE=$(sed -n 's/.*<p class="receipt"><code>\([A-Z0-9-]*\)<\/code>.*/\1/p' "$T_DIR/body")
ok "and sees its receipt on the answer" test -n "$MINE"
echo "$MINE" >>"$T_DIR/receipts"
ok "(told it is shown only this once)" contains "$T_DIR/body" "chỉ hiện một lần này"
ok "its page later says it voted, without the receipt" equals "$(get "/matters/$OPEN" -b "$(jar res)"; lacks "$T_DIR/body" "$MINE" && echo ' no')" "200 no"
ok "(nor the API)" equals "$(get "/api/v1/matters/$OPEN/ballot" -b "$(jar res)" >/dev/null; json 'j.how+" "+("receipt" in j)')" "online false"

# a second household votes by the API: the answer carries its receipt
ROLL=$(q "SELECT household_id FROM ballot_roll WHERE matter_id = $OPEN AND how IS NULL ORDER BY household_id")
H2=$(echo "$ROLL" | sed -n 1p) H3=$(echo "$ROLL" | sed -n 2p)
for h in $H2 $H3; do
	printf 'mat-khau-1\n' | "$DANVAN_BIN" user add "rep$h@demo" --name "Đại diện hộ $h" --household "$h" --db "$DB" >/dev/null
	"$DANVAN_BIN" user grant "rep$h@demo" representative "$DT" --db "$DB" >/dev/null
done
T2=$(api_token "rep$H2@demo" mat-khau-1) T3=$(api_token "rep$H3@demo" mat-khau-1)
ok "another votes by the API" equals "$(get "/api/v1/matters/$OPEN/ballot" -H "Authorization: Bearer $T2" -H 'Content-Type: application/json' -d '{"choice":"no"}')" 200
API_RECEIPT=$(json 'j.receipt')
ok "(its receipt in the answer)" sh -c "echo '$API_RECEIPT' | grep -q '^[A-Z0-9]\{5\}-[A-Z0-9]\{5\}$'"
echo "$API_RECEIPT" >>"$T_DIR/receipts"

# ------------------------------------------------------------- paper
ht=$(csrf_of head "/matters/$OPEN")
ok "the head prints the paper ballots" equals "$(get "/matters/$OPEN/ballots.pdf" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht")" 200
pdftotext "$T_DIR/body" "$T_DIR/slips.txt"
grep -o '[A-Z0-9]\{5\}-[A-Z0-9]\{5\}' "$T_DIR/slips.txt" | sort -u >"$T_DIR/paper"
cat "$T_DIR/paper" >>"$T_DIR/receipts"
ok "(fresh receipts, none of the online ones)" sh -c "[ \$(wc -l <'$T_DIR/paper') -ge 5 ] && ! grep -q -e '$MINE' -e '$API_RECEIPT' '$T_DIR/paper'"
ok "(each slip with its stub for the household to keep)" equals "$(grep -c 'PHẦN HỘ GIA ĐÌNH GIỮ LẠI' "$T_DIR/slips.txt")" "$(wc -l <"$T_DIR/paper")"
ok "(the slips name no household)" no_pair "$T_DIR/slips.txt"
ok "(and nobody at all)" lacks "$T_DIR/slips.txt" "Hộ gia đình tại|Household at"
ok "printing again makes new receipts" equals "$(get "/matters/$OPEN/ballots.pdf" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d count=2)" 200
pdftotext "$T_DIR/body" - | grep -o '[A-Z0-9]\{5\}-[A-Z0-9]\{5\}' | sort -u >"$T_DIR/more"
ok "(two, unlike the first)" sh -c "[ \$(wc -l <'$T_DIR/more') = 2 ] && ! grep -q -F -f '$T_DIR/more' '$T_DIR/paper'"
cat "$T_DIR/more" >>"$T_DIR/receipts"
ok "the front committee may not print: 403" equals "$(get "/matters/$OPEN/ballots.pdf" -b "$(jar front)" -X POST --data-urlencode "csrf=$(csrf_of front "/matters/$OPEN")")" 403

ok "the list for signatures" equals "$(get "/matters/$OPEN/roll.pdf" -b "$(jar head)")" 200
pdftotext "$T_DIR/body" "$T_DIR/roll.txt"
ok "(it lists the households)" grep -q -F "$(sed -n 1p "$T_DIR/households")" "$T_DIR/roll.txt"
ok "(and no receipt)" lacks "$T_DIR/roll.txt" '[A-Z0-9]{5}-[A-Z0-9]{5}'
ok "(those who voted online get no paper ballot)" contains "$T_DIR/roll.txt" "đã bỏ phiếu trực tuyến"
ok "household $H3 signs for a paper ballot" equals "$(get "/matters/$OPEN/roll" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d household=$H3)" 303
ok "so it may not vote online: 409" equals "$(get "/api/v1/matters/$OPEN/ballot" -H "Authorization: Bearer $T3" -H 'Content-Type: application/json' -d '{"choice":"yes"}')" 409
ok "a household that voted online gets no paper ballot: 409" equals "$(get "/matters/$OPEN/roll" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d household=$H2)" 409
ok "(said on the list)" contains "$T_DIR/body" "đã bỏ phiếu trực tuyến"
ok "a representative has no distribution list: 404" equals "$(get "/matters/$OPEN/roll" -b "$(jar res)")" 404

P1=$(sed -n 1p "$T_DIR/paper") P2=$(sed -n 2p "$T_DIR/paper")
CAST=$(get "/api/v1/matters/$OPEN" >/dev/null; json 'j.cast')
ok "the head enters a paper ballot" equals "$(get "/matters/$OPEN/paper" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" --data-urlencode "ballots=$P1 1")" 200
ft=$(csrf_of front "/matters/$OPEN/paper")
ok "the front committee enters it again" equals "$(get "/matters/$OPEN/paper" -b "$(jar front)" -X POST --data-urlencode "csrf=$ft" --data-urlencode "ballots=$P1 1")" 200
ok "(counted)" contains "$T_DIR/body" "đã tính"
wt=$(csrf_of ward "/matters/$OPEN/paper")
ok "a third entry of the same slip" equals "$(get "/matters/$OPEN/paper" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" --data-urlencode "ballots=$P1 2")" 200
ok "(already cast)" contains "$T_DIR/body" "đã được tính"
ok "counts once" equals "$(get "/api/v1/matters/$OPEN" >/dev/null; json 'j.cast')" "$((CAST + 1))"
ok "a second slip, with one signature for one paper ballot" equals "$(get "/matters/$OPEN/paper" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" --data-urlencode "ballots=$P2 2")" 200
ok "(is refused when entered twice)" equals "$(get "/matters/$OPEN/paper" -b "$(jar front)" -X POST --data-urlencode "csrf=$ft" --data-urlencode "ballots=$P2 2" >/dev/null; grep -c 'ký nhận phiếu giấy' "$T_DIR/body")" 1
ok "(and not counted)" equals "$(get "/api/v1/matters/$OPEN" >/dev/null; json 'j.cast')" "$((CAST + 1))"
ok "an online receipt is no paper ballot" equals "$(get "/matters/$OPEN/paper" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" --data-urlencode "ballots=$MINE 2" >/dev/null; grep -c 'Không có phiếu giấy' "$T_DIR/body")" 1

# --------------------------------------- every page an officer reaches
pages="/matters/$OPEN /matters/$OPEN/paper /matters/$OPEN/roll /matters/$OPEN/roll?q=so
/matters?unit=$DT /api/v1/matters/$OPEN /api/v1/matters?unit=$DT /api/v1/matters/$OPEN/ballot"
for who in head front ward; do
	for p in $pages; do
		get "$p" -b "$(jar $who)" >/dev/null
		cp "$T_DIR/body" "$T_DIR/page"
		ok "$who: $p pairs no household with a receipt" no_pair "$T_DIR/page"
	done
done
get "/matters/$OPEN/roll" -b "$(jar head)" >/dev/null
ok "the distribution list shows households and no receipt" sh -c "grep -q -F -f '$T_DIR/households' '$T_DIR/body' && ! grep -q -F -f '$T_DIR/receipts' '$T_DIR/body'"

# ------------------------------------------- closed: the public tally
kill "$T_PID"
wait "$T_PID" 2>/dev/null
DANVAN_NOW=$(date -u -d '+11 days' +%Y-%m-%dT%H:%M:%SZ) start_server "$DB" --threads 2
ok "eleven days on, voting has closed" equals "$(get "/api/v1/matters/$OPEN" >/dev/null; json 'j.status')" closed
ok "the tally as CSV" equals "$(get "/api/v1/matters/$OPEN/tally.csv")" 200
ok "(the household's receipt with its choice)" contains "$T_DIR/body" "$MINE,yes"
ok "(the API's, the paper one)" sh -c "grep -q -e '$API_RECEIPT,no' '$T_DIR/body' && grep -q -e '$P1,yes' '$T_DIR/body'"
ok "(a slip nobody signed for is not there)" lacks "$T_DIR/body" "$P2"
cut -d, -f1 "$T_DIR/body" | tail -n +2 >>"$T_DIR/receipts"
# (the household's own pages may show its representative's name, in the
# page's header, beside the tally: that is no pair, so only officers here)
for who in head front ward; do
	login_as $who "$who@demo" >/dev/null
	for p in /matters/$OPEN /matters/$OPEN/tally /api/v1/matters/$OPEN/tally.json \
		/api/v1/matters/$OPEN/tally.csv /api/v1/matters/$OPEN /matters/$OPEN/roll; do
		get "$p" -b "$(jar $who)" >/dev/null
		cp "$T_DIR/body" "$T_DIR/page"
		ok "closed, $who: $p pairs no household with a receipt" no_pair "$T_DIR/page"
	done
done
login_as res resident@demo >/dev/null
ok "the household's page sends it to the tally" equals "$(get "/matters/$OPEN" -b "$(jar res)")" 200
ok "(saying how it voted, not its receipt)" sh -c "grep -q 'Hộ của bạn đã bỏ phiếu trực tuyến.' '$T_DIR/body' && grep -q 'Tìm mã phiếu của bạn trong kết quả kiểm phiếu công khai' '$T_DIR/body' && ! grep -q -e '$MINE' '$T_DIR/body'"
ct=$(csrf_of res "/matters/$OPEN/tally")
ok "where its own receipt shows its choice, in Vietnamese" equals "$(get "/matters/$OPEN/tally" -b "$(jar res)" -X POST --data-urlencode "csrf=$ct" -d "receipt=$MINE")" 200
ok "(Đồng ý)" contains "$T_DIR/body" "Phiếu $MINE được tính là: Đồng ý"
ok "every choice in the reader's language" sh -c "grep -q '<td>Không đồng ý</td>' '$T_DIR/body' && ! grep -q '<td>no</td>' '$T_DIR/body'"
ok "(English with ?lang=en)" sh -c "curl -s 'http://127.0.0.1:$T_PORT/matters/$OPEN/tally?lang=en' | grep -q '<td>Agree</td>'"
ok "the page says what the SHA-256 is for" contains "$T_DIR/body" "tính SHA-256 của tệp"

# ------------------------------------------------- what the database keeps
if [ "$DANVAN_TEST_BACKEND" = postgres ]; then
	pg_dump --inserts "$DB" >"$T_DIR/dump.sql"
else
	sqlite3 "${DB#sqlite:}" .dump >"$T_DIR/dump.sql"
fi
grep -F -f "$T_DIR/receipts" "$T_DIR/dump.sql" >"$T_DIR/dumped"
ok "a dump holds receipts only in the box, the clerks' entries and the audit" sh -c \
	"[ -s '$T_DIR/dumped' ] && ! grep -v -E '^INSERT INTO (public\.)?\"?(ballot_box|ballot_entry|audit)\"? ' '$T_DIR/dumped'"
ok "(the audit names a paper receipt, never a household with it)" sh -c \
	"! grep -E '^INSERT INTO (public\.)?\"?audit' '$T_DIR/dumped' | grep -q -e household -e ballot.cast"
ok "the audit chain holds" "$DANVAN_BIN" verify --db "$DB"
