#!/bin/bash
# Open311 GeoReport v2 against the real binary: every endpoint in .json and
# .xml (the XML read by Python's xml.etree, the JSON by its json module),
# the spec's field and element names, the filters of GET requests and their
# refusals, the POST -> token -> request round trip with an app's key, the
# refusals of a POST (no key, a wrong or revoked key, an unknown service,
# no location, no community), errors as the spec's list of {code,
# description} with the HTTP status, and a private report that no answer
# shows.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 120 --seed 5 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
ok "the city administrator logs in" equals "$(login_as admin admin@demo)" 303
O=/open311/v2

# py EXPR: evaluate a Python expression over the last body: j (JSON) or x (an
# ElementTree root), with the status and headers at hand
py() {
	python3 - "$T_DIR/body" "$1" <<'EOF'
import json, sys, xml.etree.ElementTree as ET
raw = open(sys.argv[1], 'rb').read()
j = x = None
try:
    j = json.loads(raw)
except Exception:
    pass
try:
    x = ET.fromstring(raw)
except Exception:
    pass
v = eval(sys.argv[2])
print(v if not isinstance(v, bool) else ('yes' if v else 'no'))
EOF
}
holds() { equals "$(py "$1")" yes; }

# ------------------------------------------------------------- discovery
ok "discovery.json: 200" equals "$(get $O/discovery.json)" 200
ok "(application/json)" grep -qi '^content-type: application/json' "$T_DIR/head"
ok "(its endpoint: the spec, this server's URL, both formats)" holds \
	"j['endpoints'][0]['specification'] == 'http://wiki.open311.org/GeoReport_v2' and j['endpoints'][0]['url'].endswith('/open311/v2') and set(j['endpoints'][0]['formats']) == {'text/xml', 'application/json'} and 'changeset' in j and 'contact' in j and 'key_service' in j"
ok "discovery.xml: 200" equals "$(get $O/discovery.xml)" 200
ok "(text/xml)" grep -qi '^content-type: text/xml' "$T_DIR/head"
ok "(a <discovery> with endpoints/endpoint/url and formats/format)" holds \
	"x.tag == 'discovery' and x.find('endpoints/endpoint/url').text.endswith('/open311/v2') and len(x.findall('endpoints/endpoint/formats/format')) == 2"

# -------------------------------------------------------------- services
ok "services.json: 200" equals "$(get $O/services.json)" 200
NSERV=$(py "len(j)")
ok "(the eleven kinds, each with the spec's fields)" holds \
	"len(j) == 11 and all(set(s) == {'service_code','service_name','description','metadata','type','keywords','group'} for s in j) and j[0]['service_code'] == 'pothole' and j[0]['metadata'] is True and j[0]['type'] == 'realtime'"
ok "services.xml: 200" equals "$(get $O/services.xml)" 200
ok "(<services> with as many <service>, in the same order)" holds \
	"x.tag == 'services' and len(x.findall('service')) == $NSERV and x.find('service/service_code').text == 'pothole' and x.find('service/metadata').text == 'true'"
ok "a service's definition: 200" equals "$(get $O/services/flooding.json)" 200
ok "(the community first, required, then the category's question with its values)" holds \
	"j['service_code'] == 'flooding' and j['attributes'][0]['code'] == 'unit' and j['attributes'][0]['required'] is True and j['attributes'][0]['datatype'] == 'singlevaluelist' and len(j['attributes'][0]['values']) > 40 and j['attributes'][1]['code'] == 'depth' and [v['key'] for v in j['attributes'][1]['values']] == ['ankle','knee','deeper'] and all(set(a) >= {'variable','code','datatype','required','datatype_description','order','description'} for a in j['attributes'])"
UNIT=$(py "[v['key'] for v in j['attributes'][0]['values'] if v['name'].endswith('Đông Tác')][0]")
ok "(Đông Tác is one of the values)" test -n "$UNIT"
ok "the same in XML" equals "$(get $O/services/flooding.xml)" 200
ok "(<service_definition>/attributes/attribute/values/value/key)" holds \
	"x.tag == 'service_definition' and x.find('service_code').text == 'flooding' and [k.text for k in x.findall('attributes/attribute')[1].findall('values/value/key')] == ['ankle','knee','deeper'] and x.find('attributes/attribute/required').text == 'true'"
ok "an unknown service: 404" equals "$(get $O/services/nope.json)" 404
ok "(the spec's error list)" holds "j == [{'code': 404, 'description': j[0]['description']}] and 'nope' in j[0]['description']"
ok "and in XML" equals "$(get $O/services/nope.xml)" 404
ok "(<errors><error><code>404</code><description>)" holds \
	"x.tag == 'errors' and x.find('error/code').text == '404' and 'nope' in x.find('error/description').text"

# -------------------------------------------------------- reading requests
FIELDS="{'service_request_id','status','status_notes','service_name','service_code','description','agency_responsible','service_notice','requested_datetime','updated_datetime','expected_datetime','address','address_id','zipcode','lat','long','media_url'}"
ok "requests.json, the default page: 200" equals "$(get $O/requests.json)" 200
cp "$T_DIR/body" "$T_DIR/default.json"
ok "(50 requests, the spec's fields, newest first, none older than 90 days)" holds \
	"len(j) == 50 and all(set(r) == $FIELDS for r in j) and [r['requested_datetime'] for r in j] == sorted([r['requested_datetime'] for r in j], reverse=True) and all(r['status'] in ('open','closed') for r in j) and all(r['requested_datetime'].endswith('+07:00') for r in j)"
ok "(no private kind in it)" holds "not any(r['service_code'] in ('security','social_evils') for r in j)"
IDS=$(py "','.join(str(r['service_request_id']) for r in j)")
ok "requests.xml: 200" equals "$(get $O/requests.xml)" 200
ok "(<service_requests> of the same <request>s, with the spec's elements)" holds \
	"x.tag == 'service_requests' and ','.join(e.text for e in x.findall('request/service_request_id')) == '$IDS' and all(set(c.tag for c in r) == $FIELDS for r in x.findall('request'))"
ok "status=open: only open ones" equals "$(get "$O/requests.json?status=open")" 200
ok "(all open)" holds "len(j) > 0 and all(r['status'] == 'open' for r in j)"
ok "status=closed" equals "$(get "$O/requests.json?status=closed")" 200
ok "(all closed, some with their notes)" holds "len(j) > 0 and all(r['status'] == 'closed' for r in j) and any(r['status_notes'] for r in j)"
ok "status=open,closed: both" equals "$(get "$O/requests.json?status=open,closed")" 200
ok "status=done: 400" equals "$(get "$O/requests.json?status=done")" 400
ok "(named, in the spec's shape)" holds "j[0]['code'] == 400 and 'status' in j[0]['description']"
ok "service_code=pothole,streetlight" equals "$(get "$O/requests.json?service_code=pothole,streetlight")" 200
ok "(those only)" holds "len(j) > 0 and all(r['service_code'] in ('pothole','streetlight') for r in j)"
ok "service_code=nope: 404" equals "$(get "$O/requests.json?service_code=nope")" 404
START=$(TZ=Asia/Ho_Chi_Minh date -d '-200 days' +%Y-%m-%dT00:00:00+07:00)
END=$(TZ=Asia/Ho_Chi_Minh date -d '-150 days' +%Y-%m-%dT00:00:00+07:00)
ok "a window in the past: 200" equals "$(get "$O/requests.json?start_date=${START/+/%2B}&end_date=${END/+/%2B}&page_size=200")" 200
ok "(within it)" holds "all('$START' <= r['requested_datetime'] <= '$END' for r in j)"
FAR=$(TZ=Asia/Ho_Chi_Minh date -d '-100 days' +%Y-%m-%d)
ok "more than 90 days: 400" equals "$(get "$O/requests.json?start_date=$FAR&end_date=$(vn_day 0)")" 400
ok "an end before the start: 400" equals "$(get "$O/requests.json?start_date=$(vn_day 0)&end_date=$FAR")" 400
ok "a date that is none: 400" equals "$(get "$O/requests.json?start_date=yesterday")" 400
ok "(naming it)" holds "'start_date' in j[0]['description']"
ok "page_size=5" equals "$(get "$O/requests.json?page_size=5")" 200
ok "(five)" equals "$(py 'len(j)')" 5
ok "page_size=0: 400" equals "$(get "$O/requests.json?page_size=0")" 400
ok "page_size=201: 400" equals "$(get "$O/requests.json?page_size=201")" 400
TWO=$(py "','.join(str(r['service_request_id']) for r in json.load(open('$T_DIR/default.json'))[3:5])")
ok "service_request_id=two ids" equals "$(get "$O/requests.json?service_request_id=$TWO&status=open")" 200
ok "(those two, whatever else is asked)" equals "$(py "','.join(str(r['service_request_id']) for r in j)")" "$TWO"
ok "jurisdiction_id is accepted" equals "$(get "$O/requests.json?jurisdiction_id=di-an.example")" 200
FIRST=$(py "json.load(open('$T_DIR/default.json'))[0]['service_request_id']")
ok "requests/{id}.json" equals "$(get "$O/requests/$FIRST.json")" 200
ok "(a list of one)" holds "len(j) == 1 and j[0]['service_request_id'] == $FIRST"
ok "requests/{id}.xml" equals "$(get "$O/requests/$FIRST.xml")" 200
ok "(<service_requests><request>)" holds "x.find('request/service_request_id').text == '$FIRST'"
ok "a request that does not exist: 404" equals "$(get "$O/requests/999999.json")" 404
ok "an unknown path under /open311/: 404 in the spec's shape" equals "$(get "$O/other.xml")" 404
ok "(XML errors)" holds "x.tag == 'errors' and x.find('error/code').text == '404'"
ok "another method: 405, the same shape" equals "$(get "$O/requests.json" -X PUT)" 405
ok "(JSON errors)" holds "j[0]['code'] == 405"
ok "a malformed query: 400, the same shape" equals "$(get "$O/requests.json?page=%ff")" 400
ok "(JSON errors)" holds "j[0]['code'] == 400"

# ------------------------------------------------------------------ posting
t=$(csrf_of admin /report-apps)
get /report-apps -b "$(jar admin)" -X POST --data-urlencode "csrf=$t" --data-urlencode 'name=Ứng dụng phản ánh thử' >/dev/null
KEY=$(grep -o '<code class="token">[^<]*' "$T_DIR/body" | sed 's/.*>//')
ok "a key is issued, shown once" test -n "$KEY"
ok "(the list does not show it again)" sh -c "[ \$(curl -s -b '$(jar admin)' http://127.0.0.1:$T_PORT/report-apps | grep -c -e '$KEY') = 0 ]"
post() { get "$1" -X POST "${@:2}"; }
GOOD=(-d service_code=pothole -d lat=10.9061 -d long=106.7706 -d "attribute[unit]=$UNIT" --data-urlencode 'description=Ổ gà sâu trước số 12' -d jurisdiction_id=di-an)
ok "no api_key: 400" equals "$(post $O/requests.json "${GOOD[@]}")" 400
ok "(named)" holds "j[0]['code'] == 400 and 'api_key' in j[0]['description']"
ok "a wrong api_key: 403" equals "$(post $O/requests.json -d api_key=sai "${GOOD[@]}")" 403
ok "(JSON error)" holds "j[0]['code'] == 403"
ok "a wrong api_key in XML: 403" equals "$(post $O/requests.xml -d api_key=sai "${GOOD[@]}")" 403
ok "(XML error)" holds "x.find('error/code').text == '403'"
ok "an unknown service: 404" equals "$(post $O/requests.json -d api_key=$KEY -d service_code=nope -d lat=10.9 -d long=106.7 -d "attribute[unit]=$UNIT" -d description=x)" 404
ok "no location at all: 400" equals "$(post $O/requests.json -d api_key=$KEY -d service_code=pothole -d "attribute[unit]=$UNIT" -d description=x)" 400
ok "(naming lat/long or address_string)" holds "'address_string' in j[0]['description']"
ok "no community: 400" equals "$(post $O/requests.json -d api_key=$KEY -d service_code=pothole -d lat=10.9 -d long=106.7 -d description=x)" 400
ok "a latitude outside Vietnam: 400" equals "$(post $O/requests.json -d api_key=$KEY -d service_code=pothole -d lat=48.85 -d long=2.35 -d "attribute[unit]=$UNIT" -d description=x)" 400
ok "(naming it)" holds "j[0]['description'].startswith('lat')"
ok "no description: 400" equals "$(post $O/requests.json -d api_key=$KEY -d service_code=pothole -d address_string=x -d "attribute[unit]=$UNIT")" 400
ok "a JSON body: 400" equals "$(post $O/requests.json -H 'Content-Type: application/json' -d '{}')" 400
ok "nothing was written" equals "$(get "$O/requests.json" >/dev/null; py "j == json.load(open('$T_DIR/default.json'))")" yes
ok "a good request: 201" equals "$(post $O/requests.json -d api_key=$KEY "${GOOD[@]}")" 201
ok "(its id and token, a notice)" holds "len(j) == 1 and isinstance(j[0]['service_request_id'], int) and len(j[0]['token']) > 16 and j[0]['service_notice'] and 'account_id' in j[0]"
NEW=$(py "j[0]['service_request_id']")
TOK=$(py "j[0]['token']")
ok "(Location names it)" grep -qi "^location: $O/requests/$NEW.json" "$T_DIR/head"
ok "tokens/{token}.json" equals "$(get "$O/tokens/$TOK.json")" 200
ok "(gives its id)" holds "j == [{'service_request_id': $NEW, 'token': '$TOK'}]"
ok "tokens/{token}.xml" equals "$(get "$O/tokens/$TOK.xml")" 200
ok "(<service_requests><request><service_request_id>)" holds "x.find('request/service_request_id').text == '$NEW' and x.find('request/token').text == '$TOK'"
ok "an unknown token: 404" equals "$(get "$O/tokens/nothing-here.json")" 404
ok "the request reads back" equals "$(get "$O/requests/$NEW.json")" 200
ok "(open, its words, its place and who handles it)" holds \
	"j[0]['status'] == 'open' and j[0]['description'] == 'Ổ gà sâu trước số 12' and j[0]['lat'] == 10.9061 and j[0]['long'] == 106.7706 and j[0]['service_code'] == 'pothole' and 'Tân Đông Hiệp' in j[0]['agency_responsible']"
ok "and heads the default page now (the kept copy was dropped)" equals "$(get $O/requests.json >/dev/null; py "j[0]['service_request_id']")" "$NEW"
ok "an XML post: 201" equals "$(post $O/requests.xml -d api_key=$KEY -d service_code=flooding -d 'address_string=Hẻm 9 Đông Tác' -d "attribute[unit]=$UNIT" -d 'attribute[depth]=knee' -d description=Ngập)" 201
ok "(<service_requests><request> with id and token)" holds "x.find('request/service_request_id').text.isdigit() and bool(x.find('request/token').text)"
ok "an answer not in the list: 400" equals "$(post $O/requests.json -d api_key=$KEY -d service_code=flooding -d address_string=x -d "attribute[unit]=$UNIT" -d 'attribute[depth]=waist' -d description=x)" 400
ok "(naming the attribute)" holds "'attribute[depth]' in j[0]['description']"

# a private kind: filed, then found by no answer
ok "a report to the police: 201" equals "$(post $O/requests.json -d api_key=$KEY -d service_code=security -d address_string=x -d "attribute[unit]=$UNIT" --data-urlencode 'description=Người lạ lảng vảng')" 201
SEC=$(py "j[0]['service_request_id']")
STOK=$(py "j[0]['token']")
ok "(its notice says it is not published)" holds "'police' in j[0]['service_notice'] or 'công an' in j[0]['service_notice'].lower()"
ok "requests/{id}: 404" equals "$(get "$O/requests/$SEC.json")" 404
ok "tokens/{token}: 404" equals "$(get "$O/tokens/$STOK.xml")" 404
ok "not by its id in the list" equals "$(get "$O/requests.json?service_request_id=$SEC")" 200
ok "(an empty list)" equals "$(py 'len(j)')" 0
ok "not in the default page" equals "$(get $O/requests.json >/dev/null; py "$SEC in [r['service_request_id'] for r in j]")" no
ok "not by its kind" equals "$(get "$O/requests.json?service_code=security")" 200
ok "(none)" equals "$(py 'len(j)')" 0

# a revoked key
get /report-apps -b "$(jar admin)" >/dev/null
APP=$(grep -o 'action="/report-apps/[0-9]*/revoke"' "$T_DIR/body" | head -1 | grep -o '[0-9]*')
ok "the key is revoked" equals "$(get "/report-apps/$APP/revoke" -b "$(jar admin)" -X POST --data-urlencode "csrf=$(csrf_of admin /report-apps)")" 303
ok "a revoked key: 403" equals "$(post $O/requests.json -d api_key=$KEY "${GOOD[@]}")" 403
ok "a resident may not issue keys: 404" equals "$(login_as res resident@demo >/dev/null; get /report-apps -b "$(jar res)")" 404
echo "# $T_N checks"
