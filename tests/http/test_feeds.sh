#!/bin/bash
# Atom feeds of notices and news (src/web/feed.c) read by a real feed parser:
# tests/browser/feed.mjs parses them with feedparser from npm (strict XML) and
# prints a summary, compared here with the JSON API: which entries, their
# links, dates and categories, the filters by unit, category and section,
# and the escaping of titles.
. "$(dirname "$0")/../lib.sh"
FEED_JS=$(cd "$(dirname "$0")/../browser" && pwd)/feed.mjs

# feed NAME PATH: the feed at PATH parsed into $T_DIR/NAME.json (errors on stderr).
feed() { node "$FEED_JS" "$BASE$2" >"$T_DIR/$1.json"; }
# api NAME PATH [TOKEN]: GET PATH of the API into $T_DIR/NAME.json; fails unless 200.
api() {
	local args=()
	[ -n "${3:-}" ] && args=(-H "Authorization: Bearer $3")
	[ "$(get "$2" "${args[@]}")" = 200 ] || { echo "GET $2: $(cat "$T_DIR/body")"; return 1; }
	cp "$T_DIR/body" "$T_DIR/$1.json"
}
# js EXPR NAME...: EXPR evaluated in Node with d, e, f... the JSON files
# $T_DIR/NAME.json in order, and BASE; strings print as they are, other values as JSON.
js() {
	local expr=$1
	shift
	local files=()
	for n in "$@"; do files+=("$T_DIR/$n.json"); done
	BASE=$BASE node -e '
		const fs = require("fs");
		const [d, e, f, g] = process.argv.slice(2).map((p) => JSON.parse(fs.readFileSync(p, "utf8")));
		const BASE = process.env.BASE;
		const v = eval(process.argv[1]);
		process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));
	' "$expr" "${files[@]}"
}
# holds EXPR NAME...: passes when EXPR is true; shows the files when not.
holds() {
	[ "$(js "$@")" = true ] && return 0
	echo "false: $1"
	shift
	for n in "$@"; do echo "$n:"; head -c 3000 "$T_DIR/$n.json"; echo; done
	return 1
}
# The sorted ids of a feed's entries (from their links) and of an API list.
feed_ids() { js 'd.entries.map((x) => +(x.link || "").replace(/^.*\//, "")).sort((a, b) => a - b).join(" ")' "$1"; }
api_ids() { js "d.$2.map((x) => x.id).sort((a, b) => a - b).join(' ')" "$1"; }
# unit_id KIND NAME: the unit's id, from GET /api/v1/units?q=NAME.
unit_id() {
	get "/api/v1/units?q=$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$2")" >/dev/null
	cp "$T_DIR/body" "$T_DIR/units.json"
	js "(d.units.find((u) => u.kind === '$1' && u.name === '$2') || {}).id || ''" units
}

DB=$(new_db)
"$DANVAN_BIN" demo --households 300 --seed 5 --db "$DB" >"$T_DIR/demo.out" 2>&1
ok "demo database" grep -q "300 households" "$T_DIR/demo.out"
ok "server starts" start_server "$DB" --threads 2
BASE="http://127.0.0.1:$T_PORT"
ok "the feed parser is installed (scripts/deps.sh check)" \
	test -d "$(dirname "$FEED_JS")/node_modules/feedparser"

TDH=$(unit_id ward "Tân Đông Hiệp")
DT=$(unit_id neighborhood "Đông Tác")
CITY=$(unit_id city "Dĩ An")
DAW=$(unit_id ward "Dĩ An")
ok "found the units" test -n "$TDH" -a -n "$DT" -a -n "$CITY" -a -n "$DAW"
WARD=$(api_token ward@demo)
ok "a token for ward@demo" test -n "$WARD"

# ------------------------------------------------------- all the notices
ok "the notices feed parses" feed all /feeds/notices.atom
ok "the API lists the published notices" api pub "/api/v1/notices?limit=100"
ok "(on one page)" holds 'd.more === false' pub
ok "the demo has published notices" holds 'd.notices.length >= 2' pub
ok "the feed has as many entries as the API" equals "$(js d.count all)" "$(js d.notices.length pub)"
ok "the same notices" equals "$(feed_ids all)" "$(api_ids pub notices)"
ok "with the API's titles, exactly" holds \
	'd.entries.every((x) => e.notices.some((n) => x.link === n.url && x.title === n.title))' all pub
ok "an entry per notice, no repeats" holds 'new Set(d.entries.map((x) => x.id)).size === d.count' all
ok "titles keep their diacritics" holds 'd.entries.some((x) => x.title.includes("Công khai"))' all
ok "such as Tân Đông Hiệp's budget" holds \
	'd.entries.some((x) => x.title === "Công khai dự toán ngân sách phường Tân Đông Hiệp năm 2027")' all

ok "ward@demo sees the demo's draft" api drafts "/api/v1/notices?unit=$TDH&status=draft" "$WARD"
DRAFT=$(js '(d.notices.find((n) => n.status === "draft") || {}).id || ""' drafts)
ok "(a draft)" test -n "$DRAFT"
ok "the draft is not in the feed" holds "!d.entries.some((x) => x.link === BASE + '/notices/$DRAFT')" all
ok "nor its title" holds '!d.entries.some((x) => e.notices.some((n) => n.title === x.title))' all drafts

ok "entry links are /notices/{id} on this server" holds \
	'd.count > 0 && d.entries.every((x) => /^\/notices\/[1-9][0-9]*$/.test(x.link.slice(BASE.length)) && x.link.startsWith(BASE + "/"))' all
ok "entry ids are those links" holds 'd.entries.every((x) => x.id === x.link)' all
ok "a notice's link opens it" equals "$(get "$(js 'd.entries[0].link.slice(BASE.length)' all)")" 200
ok "(that notice)" contains "$T_DIR/body" "$(js 'd.entries[0].title.replace(/"/g, "&quot;")' all)"

# RFC 3339 in the element, read as the same instant by the parser, and recent
DATES='d.count > 0 && d.entries.every((x) => ["published", "updated"].every((k) =>
	/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(x[k + "_raw"] || "") &&
	x[k] !== null && new Date(x[k + "_raw"]).getTime() === Date.parse(x[k]) &&
	Date.parse(x[k]) > Date.now() - 400 * 86400e3 && Date.parse(x[k]) < Date.now() + 3600e3) &&
	Date.parse(x.published) <= Date.parse(x.updated))'
ok "published and updated are valid, recent dates" holds "$DATES" all
ok "published is when the API says" holds \
	'd.entries.every((x) => e.notices.some((n) => n.url === x.link && Date.parse(n.published_at) === Date.parse(x.published)))' all pub
ok "the feed is updated when its latest entry is" holds \
	'd.updated !== null && Date.parse(d.updated) === Math.max(...d.entries.map((x) => Date.parse(x.updated)))' all
ok "content type application/atom+xml" equals "$(get /feeds/notices.atom)" 200
ok "(header)" grep -qi '^content-type: application/atom+xml' "$T_DIR/head"

# --------------------------------------------------- by unit and category
ok "the API lists the categories" api cats /api/v1/notice-categories
BUDGET=$(js '(d.categories.find((c) => c.code === "budget") || {}).id || ""' cats)
ok "(budget among them)" test -n "$BUDGET"
SELF="/feeds/notices.atom?unit=$TDH&category=$BUDGET"
ok "a feed by unit and category parses" feed tdhb "$SELF"
ok "its self link is the URL asked for" equals "$(js d.self tdhb)" "$BASE$SELF"
ok "so is its id" equals "$(js d.id tdhb)" "$BASE$SELF"
ok "its title names the ward" holds 'd.title.includes("Tân Đông Hiệp")' tdhb
ok "it has the ward's budget" equals "$(js 'd.entries.map((x) => x.title).join("|")' tdhb)" \
	"Công khai dự toán ngân sách phường Tân Đông Hiệp năm 2027"

ok "the neighborhood's feed parses" feed dt "/feeds/notices.atom?unit=$DT&category=0"
ok "the API for the neighborhood" api dtapi "/api/v1/notices?unit=$DT&limit=100"
ok "the neighborhood's feed has the API's notices" equals "$(feed_ids dt)" "$(api_ids dtapi notices)"
ok "among them its ward's" holds "e.notices.some((n) => n.unit.id === $TDH && d.entries.some((x) => x.link === n.url))" dt dtapi
ok "and its city's" holds "e.notices.some((n) => n.unit.id === $CITY && d.entries.some((x) => x.link === n.url))" dt dtapi
ok "its title names the neighborhood" holds 'd.title.includes("Đông Tác")' dt

ok "another ward's feed parses" feed daw "/feeds/notices.atom?unit=$DAW"
ok "the API for that ward" api dawapi "/api/v1/notices?unit=$DAW&limit=100"
ok "that ward's feed has the API's notices" equals "$(feed_ids daw)" "$(api_ids dawapi notices)"
ok "the city's notices reach it" holds "e.notices.some((n) => n.unit.id === $CITY && d.entries.some((x) => x.link === n.url))" daw dawapi
ok "Tân Đông Hiệp's do not" holds "d.count > 0 && !d.entries.some((x) => f.notices.some((n) => n.unit.id === $TDH && n.url === x.link))" daw dawapi pub
ok "so it has fewer entries than the whole feed" holds 'd.count < e.count' daw all

ok "a feed by category parses" feed budget "/feeds/notices.atom?category=$BUDGET"
ok "the API by category" api budgetapi "/api/v1/notices?category=$BUDGET&limit=100"
ok "the category's feed has the API's notices" equals "$(feed_ids budget)" "$(api_ids budgetapi notices)"
ok "and only that category's" holds \
	"const c = f.categories.find((c) => c.id === $BUDGET); d.count > 0 && d.count < e.count && d.entries.every((x) => JSON.stringify(x.categories) === JSON.stringify([c.name]))" \
	budget all cats
ok "every notice has its category" holds \
	'd.entries.every((x) => e.notices.some((n) => n.url === x.link && JSON.stringify(x.categories) === JSON.stringify([n.category.name])))' all pub

ok "an unknown unit: notices feed 404" equals "$(get '/feeds/notices.atom?unit=999999')" 404
ok "an unknown unit: news feed 404" equals "$(get '/feeds/news.atom?unit=999999')" 404

# ------------------------------------------------------------------- news
ok "the news feed parses" feed news "/feeds/news.atom?unit=$TDH"
ok "its self link is the URL asked for" equals "$(js d.self news)" "$BASE/feeds/news.atom?unit=$TDH"
ok "the API's news of the ward" api newsapi "/api/v1/news?unit=$TDH&limit=100"
ok "the demo's 3 articles and the city's 2022 review" equals "$(js d.count news)" 4
ok "the API's articles" equals "$(feed_ids news)" "$(api_ids newsapi articles)"
ok "links are /news/{id} on this server" holds 'd.entries.every((x) => x.id === x.link && /^\/news\/[1-9][0-9]*$/.test(x.link.slice(BASE.length)) && x.link.startsWith(BASE + "/"))' news
ok "with their titles, quotes and all" holds \
	'd.entries.every((x) => e.articles.some((a) => a.url === x.link && a.title === x.title)) && d.entries.some((x) => x.title.includes("\"Tổ tự quản"))' news newsapi
ok "each with its section as category" holds \
	'd.entries.every((x) => e.articles.some((a) => a.url === x.link && JSON.stringify(x.categories) === JSON.stringify([a.section_label])))' news newsapi
ok "three sections" holds 'new Set(d.entries.map((x) => x.categories[0])).size === 3' news
# the city's 2022 review was published in February 2023: its own day
NEWS_DATES='d.count > 0 && d.entries.every((x) => ["published", "updated"].every((k) =>
	/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(x[k + "_raw"] || "") &&
	x[k] !== null && new Date(x[k + "_raw"]).getTime() === Date.parse(x[k]) &&
	(Date.parse(x[k]) > Date.now() - 400 * 86400e3 || (x.title === "Dĩ An tổng kết công tác dân vận năm 2022" &&
	x[k + "_raw"].startsWith("2023-02-14"))) && Date.parse(x[k]) < Date.now() + 3600e3) &&
	Date.parse(x.published) <= Date.parse(x.updated))'
ok "news dates are valid and recent (the 2022 review: its own day)" holds "$NEWS_DATES" news
ok "published is when the API says" holds \
	'd.entries.every((x) => e.articles.some((a) => a.url === x.link && Date.parse(a.published_at) === Date.parse(x.published)))' news newsapi
ok "by section" feed politics "/feeds/news.atom?unit=$TDH&section=politics"
ok "(its self link)" equals "$(js d.self politics)" "$BASE/feeds/news.atom?unit=$TDH&section=politics"
ok "only the politics article" equals "$(feed_ids politics)" \
	"$(js 'd.articles.filter((a) => a.section === "politics").map((a) => a.id).join(" ")' newsapi)"
ok "(one)" equals "$(js d.count politics)" 1

# An article's photo is its picture, with its caption, not an attachment.
ART=$(js 'd.articles.find((a) => a.title.startsWith("Hẻm mới")).url.split("/").pop()' newsapi)
ok "the article with a photo is there" equals "$(get "/news/$ART")" 200
ok "its photo heads it, with its caption" grep -q '<figure class="picture"><img src="/files/[0-9]*" alt="Tuyến hẻm 7[^"]*" width="960" height="540"><figcaption>Tuyến hẻm 7' "$T_DIR/body"
ok "and is not listed again as an attached file" sh -c "! grep -q 'class=\"files\"' '$T_DIR/body'"
ok "the news list shows it as a thumbnail" sh -c "curl -s http://127.0.0.1:$T_PORT/news | grep -q 'src=\"/files/[0-9]*/thumb\"'"
# ------------------------------------------------------------- escaping
TITLE='Lịch tiếp dân <b>&"'"'"' & </title> ]]> &amp; xong'
node -e 'process.stdout.write(JSON.stringify({unit: +process.argv[1], category: +process.argv[2],
	title: process.argv[3], body: "Nội dung <i>kiểm tra</i> & \"thoát\" ký tự."}))' \
	"$TDH" "$BUDGET" "$TITLE" >"$T_DIR/new.json"
ok "ward@demo creates a notice with markup in its title" equals "$(get /api/v1/notices -X POST \
	-H "Authorization: Bearer $WARD" -H 'Content-Type: application/json' --data-binary @"$T_DIR/new.json")" 201
cp "$T_DIR/body" "$T_DIR/created.json"
NEW=$(js 'd.notice.id' created)
ok "(stored as sent)" holds 'd.notice.title === e.title' created new
ok "a draft stays out of the feed" feed draft "/feeds/notices.atom?unit=$TDH&category=$BUDGET"
ok "(one entry still)" holds "d.count === 1 && !d.entries.some((x) => x.link === BASE + '/notices/$NEW')" draft
ok "publishes it" equals "$(get "/api/v1/notices/$NEW/publish" -X POST -H "Authorization: Bearer $WARD")" 200
ok "the feed still parses" feed esc "/feeds/notices.atom?unit=$TDH&category=$BUDGET"
ok "with the new notice" holds "d.count === 2 && d.entries.some((x) => x.link === BASE + '/notices/$NEW')" esc
ok "its title comes back exactly" equals "$(js "d.entries.find((x) => x.link === BASE + '/notices/$NEW').title" esc)" "$TITLE"
get "/feeds/notices.atom?unit=$TDH&category=$BUDGET" >/dev/null
ok "the XML escapes it" contains "$T_DIR/body" '<title>Lịch tiếp dân &lt;b&gt;&amp;'
ok "nothing unescaped" lacks "$T_DIR/body" '<b>|<i>|&"|</title> ]]>'
