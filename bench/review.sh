#!/usr/bin/env bash
# bench/review.sh: the year-end review of the whole demo city.
#
# It builds the demo city (every module filled: notices and their reach,
# matters and ballots, consultations, works and their ledgers, citizen
# reports, models, titles, the 2022 commendation and plans), then, as the
# city's Mass Mobilization Board (board@demo) through the JSON API:
#   1. builds the draft of this year's review of the city (every figure of
#      the city, of each of its seven wards and of the two years before,
#      read from the modules; the lists of shortfalls and commendations);
#   2. prints the review's PDF (the parts, the table of the wards, the
#      charts) and the workbook of every figure;
# each RUNS times, and prints the median seconds of each, with the PDF's
# pages. The issue's target: the PDF of the whole city under 2 s.
#
# Usage: bench/review.sh [-n HOUSEHOLDS] [-r RUNS] [-t THREADS]
#   -n  households in the demo city (default 5000)
#   -r  runs of each measurement (default 5)
#   -t  server event loops (default: cores)
set -euo pipefail

households=5000 runs=5 threads=$(nproc)
while getopts "n:r:t:h" o; do
	case $o in
	n) households=$OPTARG ;;
	r) runs=$OPTARG ;;
	t) threads=$OPTARG ;;
	*) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
make -s -C "$root" all >/dev/null
bin=$root/build/danvan
tmp=$(mktemp -d "${TMPDIR:-/tmp}/danvan-bench.XXXXXX")
pid=""
cleanup() {
	set +e # a process already gone must not stop the cleaning
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

port=$((20000 + RANDOM % 12000))
start=$(date +%s.%N)
"$bin" demo --households "$households" --seed 5 --db "sqlite:$tmp/bench.db" >/dev/null
demo_s=$(echo "$(date +%s.%N) - $start" | bc -l)
"$bin" serve --db "sqlite:$tmp/bench.db" --port "$port" --threads "$threads" 2>"$tmp/server.log" &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 200); do curl -s -o /dev/null "$base/healthz" && break; sleep 0.05; done

token=$(curl -s -H 'Content-Type: application/json' \
	-d '{"login":"board@demo","password":"danvan-demo"}' "$base/api/v1/session" |
	sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
city=$(curl -s "$base/api/v1/units?q=di%20an" | grep -o '"id":[0-9]*,"kind":"city"' | grep -o '[0-9]*' | head -1)
year=$(TZ=Asia/Ho_Chi_Minh date +%Y)

median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }
# building the draft, then building it again (the figures read afresh)
build=$(for _ in $(seq 1 "$runs"); do
	curl -s -o "$tmp/review.json" -w '%{time_total}\n' -H "Authorization: Bearer $token" \
		-H 'Content-Type: application/json' -d "{\"year\":$year}" "$base/api/v1/units/$city/reviews"
done | median)
review=$(sed -n 's/^{"id":\([0-9]*\).*/\1/p' "$tmp/review.json")
fetch() { # fetch PATH OUT: the median seconds of $runs fetches
	for _ in $(seq 1 "$runs"); do
		curl -s -H "Authorization: Bearer $token" -o "$2" -w '%{time_total}\n' "$base$1"
	done | median
}
pdf=$(fetch "/reviews/$review/review.pdf" "$tmp/review.pdf")
xlsx=$(fetch "/reviews/$review/review.xlsx" "$tmp/review.xlsx")
old=$(fetch "/units/$city/review/2022.pdf" "$tmp/2022.pdf")
pages=$(pdfinfo "$tmp/review.pdf" | sed -n 's/^Pages: *//p')
echo "the year-end review of the demo city ($households households, seven wards; demo built in $(printf '%.1f' "$demo_s") s), median of $runs runs, $threads server threads:"
printf '  build the draft (every figure from the modules): %s s\n' "$build"
printf '  its PDF: %s s for %s pages (%s KB)\n' "$pdf" "$pages" "$(($(stat -c %s "$tmp/review.pdf") / 1024))"
printf '  its workbook of every figure: %s s\n' "$xlsx"
printf '  the published 2022 review'"'"'s PDF: %s s\n' "$old"
printf '  build + PDF: %.3f s (target: under 2 s)\n' "$(echo "$build + $pdf" | bc -l)"
