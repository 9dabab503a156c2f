#!/usr/bin/env bash
# bench/certificates.sh: how long danvan takes to print the certificates of
# a decision of 50 people (one A4 landscape page each, its border drawn with
# cairo, a QR code each), over HTTP as an officer prints them, next to one
# certificate printed alone in the same invocation (the reference: fifty
# pages should cost about fifty single pages, or less).
#
# It builds a demo city, then through the JSON API opens a round of the
# city, proposes N people, has the city's council vote on each and records
# the decision; then it asks for the decision's certificates R times and
# for one certificate R times, and prints the median of each, the pages
# and the size of the PDF.
#
# Usage: bench/certificates.sh [-n PEOPLE] [-r RUNS] [-t THREADS]
#   -n  people in the decision (default 50)
#   -r  runs of each measure (default 7)
#   -t  server event loops (default: cores)
set -euo pipefail

people=50 runs=7 threads=$(nproc)
while getopts "n:r:t:h" o; do
	case $o in
	n) people=$OPTARG ;;
	r) runs=$OPTARG ;;
	t) threads=$OPTARG ;;
	*) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
make -s -C "$root" all >/dev/null
bin=$root/build/danvan
tmp=$(mktemp -d)
pid=""
cleanup() {
	set +e # a process already gone must not stop the cleaning
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

port=$((20000 + RANDOM % 12000))
"$bin" demo --households 300 --seed 11 --db "sqlite:$tmp/bench.db" >/dev/null
"$bin" serve --db "sqlite:$tmp/bench.db" --port "$port" --threads "$threads" 2>"$tmp/server.log" &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 200); do curl -s -o /dev/null "$base/healthz" && break; sleep 0.05; done

token() {
	curl -s -H 'Content-Type: application/json' -d "{\"login\":\"$1\",\"password\":\"danvan-demo\"}" \
		"$base/api/v1/session" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
api() { # api TOKEN PATH [JSON]: the answer's body
	if [ $# -ge 3 ]; then
		curl -s -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3" "$base$2"
	else
		curl -s -H "Authorization: Bearer $1" "$base$2"
	fi
}
first_id() { sed -n 's/^{"id":\([0-9]*\).*/\1/p'; }

admin=$(token admin@demo)
council=$(token council@demo)
city=$(curl -s "$base/api/v1/units?q=di%20an" | grep -o '"id":[0-9]*,"kind":"city"' | grep -o '[0-9]*' | head -1)
closes=$(TZ=Asia/Ho_Chi_Minh date -d '+10 days' +%d/%m/%Y)
year=$(TZ=Asia/Ho_Chi_Minh date +%Y)
round=$(api "$admin" /api/v1/award-rounds \
	"{\"unit\":$city,\"name\":\"Khen thưởng đột xuất năm $year\",\"year\":$year,\"closes_on\":\"$closes\"}" | first_id)
families=(Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng)
given=(An Bình Chi Dũng Giang Hà Khoa Lan Minh Ngọc)
for i in $(seq 0 $((people - 1))); do
	name="${families[$((i % 10))]} Văn ${given[$(((i / 10) % 10))]} $((i / 100 + 1))"
	api "$admin" "/api/v1/award-rounds/$round/nominations" \
		"{\"unit\":$city,\"subject\":{\"kind\":\"individual\",\"name\":\"$name\",\"detail\":\"Cán bộ khu phố\",\"unit\":$city},\"form\":\"giay_khen_city\",\"achievement\":\"Có thành tích xuất sắc trong phong trào Dân vận khéo năm $year\"}" >/dev/null
done
members=$(api "$admin" "/api/v1/council-members?unit=$city" | grep -o '"id":[0-9]*' | grep -o '[0-9]*' | tr '\n' ',' | sed 's/,$//')
session=$(api "$council" "/api/v1/award-rounds/$round/sessions" "{\"place\":\"Hội trường\",\"present\":[$members]}" | first_id)
votes=$(echo "$members" | tr ',' '\n' | sed 's/.*/{"member":&,"vote":"yes"}/' | tr '\n' ',' | sed 's/,$//')
for n in $(api "$admin" "/api/v1/award-rounds/$round" | grep -o '"id":[0-9]*,"subject"' | grep -o '[0-9]*'); do
	api "$council" "/api/v1/council-sessions/$session/votes" "{\"nomination\":$n,\"votes\":[$votes]}" >/dev/null
done
api "$council" "/api/v1/council-sessions/$session/close" '{}' >/dev/null
decision=$(api "$admin" "/api/v1/award-rounds/$round/decision" \
	"{\"number\":\"99/QĐ-UBND\",\"signed_on\":\"$(TZ=Asia/Ho_Chi_Minh date +%d/%m/%Y)\",\"authority\":\"ỦY BAN NHÂN DÂN THÀNH PHỐ DĨ AN\",\"signer_title\":\"CHỦ TỊCH\",\"signer_name\":\"Nguyễn Văn A\",\"place\":\"Dĩ An\"}" | first_id)
award=$(api "$admin" "/api/v1/award-decisions/$decision" | grep -o '"list":\[{"id":[0-9]*' | grep -o '[0-9]*$')

# a browser session of the administrator, to print as an officer does
jar=$tmp/jar
csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" -d login=admin@demo \
	-d password=danvan-demo "$base/login"

measure() { # measure PATH OUT: the median seconds of $runs fetches
	for _ in $(seq 1 "$runs"); do
		curl -s -b "$jar" -o "$2" -w '%{time_total}\n' "$base$1"
	done | sort -n | sed -n "$(((runs + 1) / 2))p"
}
all=$(measure "/award-decisions/$decision/certificates.pdf" "$tmp/all.pdf")
one=$(measure "/awards/$award/certificate.pdf" "$tmp/one.pdf")
pages=$(pdfinfo "$tmp/all.pdf" | sed -n 's/^Pages: *//p')
size=$(stat -c %s "$tmp/all.pdf")
echo "certificates of a decision of $people people, median of $runs runs, $threads server threads:"
printf '  whole decision: %s s for %s pages (%s KB), %.1f ms a page\n' "$all" "$pages" \
	"$((size / 1024))" "$(echo "$all * 1000 / $pages" | bc -l)"
printf '  one certificate alone (reference): %s s\n' "$one"
printf '  the decision costs %.2f single certificates (%s pages)\n' "$(echo "$all / $one" | bc -l)" "$pages"
