#!/bin/bash
# Commendation against the real binary. The demo's 2022 decision: linked
# from the home page and the city's page, its public page linking every
# certificate's verification; the certificates as a PDF read by pdftotext,
# their QR codes decoded by zbarimg and the decoded addresses fetched; a
# code never issued or altered by one character is 404 on the page and in
# the API; revocation with its reason. Then the ward's round: proposing
# (refused for someone under inspection, for the same achievement twice,
# after the round closed), the restricted register and who sees it, the
# council's quorum at exactly two thirds and one below, each member's vote,
# the minutes, the decision and its certificates.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 120 --seed 5 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
for who in admin ward council inspector head; do
	ok "$who logs in" equals "$(login_as $who $who@demo)" 303
done
unit_id() { get "/api/v1/units?q=$(echo "$2" | sed 's/ /%20/g')" >/dev/null; json "j.units.find(u=>u.kind==='$1'&&u.name==='$2').id"; }
CITY=$(unit_id city "Dĩ An")
TDH=$(unit_id ward "Tân Đông Hiệp")
ok "found the units" test -n "$CITY" -a -n "$TDH"

# ------------------------------------------------ the demo's 2022 decision
ok "the home page" equals "$(get /)" 200
DEC=$(grep -o 'href="/award-decisions/[0-9]*"' "$T_DIR/body" | head -1 | grep -o '[0-9]*')
ok "links the decision" test -n "$DEC"
ok "so does the city's page" equals "$(get "/units/$CITY")" 200
ok "(the same decision)" contains "$T_DIR/body" "href=\"/award-decisions/$DEC\""
ok "the decision's page is public" equals "$(get "/award-decisions/$DEC")" 200
ok "(its number)" contains "$T_DIR/body" "389/QĐ-UBND"
grep -o 'href="/verify/[A-Z0-9-]*"' "$T_DIR/body" | sed 's/href="//; s/"$//' >"$T_DIR/verify"
ok "it links every certificate's verification" equals "$(wc -l <"$T_DIR/verify" | tr -d ' ')" 54
V1=$(head -1 "$T_DIR/verify")
CODE=${V1#/verify/}
ok "a verification page" equals "$(get "$V1")" 200
ok "(says Giấy khen)" contains "$T_DIR/body" "Giấy khen"
ok "(who, for what, which decision)" sh -c "grep -q 'Ban Dân vận Đảng ủy phường Dĩ An' '$T_DIR/body' && grep -q 'công tác dân vận năm 2022' '$T_DIR/body' && grep -q '389/QĐ-UBND' '$T_DIR/body'"
ok "(valid)" contains "$T_DIR/body" "còn hiệu lực"
ok "the same in JSON" equals "$(get "/api/v1/awards/verify/$CODE")" 200
ok "(valid, its decision)" equals "$(json '[j.valid, j.paper, j.decision.number, j.subject.name].join("|")')" "true|Giấy khen|389/QĐ-UBND|Ban Dân vận Đảng ủy phường Dĩ An"
SIGNER=$(json 'j.decision.signer_name')
ok "(signed by the chairman)" test -n "$SIGNER"
# altered by one character, anywhere; never issued; in small letters
for i in 0 6 28; do
	c=${CODE:$i:1}
	[ "$c" = A ] && n=B || n=A
	BAD="${CODE:0:$i}$n${CODE:$((i + 1))}"
	ok "altered at $i: 404" equals "$(get "/verify/$BAD")" 404
	ok "(and in the API)" equals "$(get "/api/v1/awards/verify/$BAD")" 404
done
ok "a code never issued: 404" equals "$(get "/verify/ABCD-EFGH-JKMN-PQRS-TVWX-YZ23")" 404
ok "(and in the API)" equals "$(get "/api/v1/awards/verify/ABCD-EFGH-JKMN-PQRS-TVWX-YZ23")" 404
ok "in small letters: 404" equals "$(get "/verify/$(echo "$CODE" | tr A-Z a-z)")" 404
ok "a code cut short: 404" equals "$(get "/verify/${CODE:0:20}")" 404
ok "the form to type a code sends it on" equals "$(get "/verify?code=$(echo "$CODE" | tr A-Z a-z)")" 303
ok "(to its page, in capitals)" grep -qi "^location: /verify/$CODE" "$T_DIR/head"
ok "the register finds people without accents" equals "$(get '/api/v1/awards?q=ban%20dan%20van%20dang%20uy%20phuong%20tan%20binh')" 200
ok "(the board of Tân Bình)" equals "$(json 'j.awards[0].subject.name')" "Ban Dân vận Đảng ủy phường Tân Bình"
ok "the register page" equals "$(get "/awards?unit=$CITY&q=dan%20van")" 200

# the certificates of the whole decision
ok "printing needs an account" equals "$(get "/award-decisions/$DEC/certificates.pdf")" 303
ok "a ward officer may not print the city's" equals "$(get "/award-decisions/$DEC/certificates.pdf" -b "$(jar ward)")" 403
ok "the city's administrator prints them" equals "$(get "/award-decisions/$DEC/certificates.pdf" -b "$(jar admin)")" 200
cp "$T_DIR/body" "$T_DIR/certs.pdf"
ok "(a PDF)" grep -qi '^content-type: application/pdf' "$T_DIR/head"
pdfinfo "$T_DIR/certs.pdf" >"$T_DIR/info"
ok "(54 pages, A4 landscape)" sh -c "grep -q '^Pages: *54' '$T_DIR/info' && grep -q '841.89 x 595.276 pts (A4)' '$T_DIR/info'"
pdftotext -f 1 -l 1 "$T_DIR/certs.pdf" "$T_DIR/p1.txt"
for s in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ DĨ AN" \
	"TẶNG GIẤY KHEN" "Ban Dân vận Đảng ủy phường Dĩ An" "công tác dân vận năm 2022" "Quyết định số 389/QĐ-UBND" \
	"ngày 10/02/2023" "Dĩ An, ngày 10 tháng 02 năm 2023" "$SIGNER" "$CODE"; do
	ok "(page 1 has: $s)" contains "$T_DIR/p1.txt" "$s"
done
pdftoppm -r 100 -png -f 1 -l 3 "$T_DIR/certs.pdf" "$T_DIR/cert"
for p in "$T_DIR"/cert-*.png; do zbarimg -q --raw "$p" 2>/dev/null; done >"$T_DIR/qr"
ok "the QR codes decode" equals "$(wc -l <"$T_DIR/qr" | tr -d ' ')" 3
URL=$(head -1 "$T_DIR/qr")
ok "(to this server's verification page)" equals "$URL" "http://127.0.0.1:$T_PORT$V1"
ok "the decoded address answers" equals "$(curl -s -o "$T_DIR/body" -w '%{http_code}' "$URL")" 200
ok "(with the award)" sh -c "grep -q 'Giấy khen' '$T_DIR/body' && grep -q 'Ban Dân vận Đảng ủy phường Dĩ An' '$T_DIR/body'"
ok "one certificate alone" equals "$(get "/awards/1/certificate.pdf" -b "$(jar admin)")" 200

# revoking
at=$(csrf_of admin "/award-decisions/$DEC")
ok "revoking without a reason: 400" equals "$(get "/awards/1/revoke" -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" -d reason=)" 400
ok "without the form's token: 403" equals "$(get "/awards/1/revoke" -b "$(jar admin)" -X POST -d reason=x)" 403
ok "a ward officer may not revoke: 403" equals "$(get "/awards/1/revoke" -b "$(jar ward)" -X POST --data-urlencode "csrf=$(csrf_of ward /me)" -d reason=x)" 403
ok "revoked, with its reason" equals "$(get "/awards/1/revoke" -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" --data-urlencode 'reason=Khai không đúng thành tích')" 303
ok "the verification page says so" equals "$(get "$V1")" 200
ok "(revoked, and why)" sh -c "grep -q 'đã bị thu hồi' '$T_DIR/body' && grep -q 'Khai không đúng thành tích' '$T_DIR/body'"
get "/api/v1/awards/verify/$CODE" >/dev/null
ok "the API too" equals "$(json '[j.valid, j.revoked.reason].join("|")')" "false|Khai không đúng thành tích"
ok "revoking twice: 409" equals "$(get "/awards/1/revoke" -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" -d reason=x)" 409

# ------------------------------------------------ the ward's round, now
get "/api/v1/restrictions?unit=$TDH" -H "Authorization: Bearer $(api_token inspector@demo)" >/dev/null
UNDER=$(json 'j.restrictions[0].subject.name')
ok "the inspection staff see the register" test -n "$UNDER"
ok "so does the council" equals "$(get "/api/v1/restrictions?unit=$TDH" -H "Authorization: Bearer $(api_token council@demo)")" 200
ok "a ward officer does not: 403" equals "$(get "/api/v1/restrictions?unit=$TDH" -H "Authorization: Bearer $(api_token ward@demo)")" 403
ok "nor its page: 404" equals "$(get "/units/$TDH/restrictions" -b "$(jar ward)")" 404
ok "nor the city's administrator" equals "$(get "/units/$TDH/restrictions" -b "$(jar admin)")" 404
ok "the inspectors' page" equals "$(get "/units/$TDH/restrictions" -b "$(jar inspector)")" 200
ok "(the entry)" contains "$T_DIR/body" "$UNDER"
LOOKS=$(case $DB in sqlite:*) sqlite3 "${DB#sqlite:}" "SELECT COUNT(*) FROM audit WHERE action = 'restriction.view'" ;; *) psql -qtA "$DB" -c "SELECT COUNT(*) FROM audit WHERE action = 'restriction.view'" ;; esac)
ok "every look is in the audit" equals "$LOOKS" 3

get "/api/v1/award-rounds?unit=$TDH" >/dev/null
ROUND=$(get "/units/$TDH" -b "$(jar ward)" >/dev/null; grep -o 'href="/award-rounds/[0-9]*"' "$T_DIR/body" | head -1 | grep -o '[0-9]*')
ok "the ward's open round is on its page" test -n "$ROUND"
ok "its page" equals "$(get "/award-rounds/$ROUND" -b "$(jar ward)")" 200
ok "not public" equals "$(get "/award-rounds/$ROUND")" 303
ok "nor for a head" equals "$(get "/award-rounds/$ROUND" -b "$(jar head)")" 404
ok "the form to propose" equals "$(get "/award-rounds/$ROUND/nominate" -b "$(jar ward)")" 200
wt=$(csrf_of ward "/award-rounds/$ROUND/nominate")
propose() { get "/award-rounds/$ROUND/nominations" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" -d "unit=$TDH" "$@"; }
ok "someone under inspection: refused" equals "$(propose -d subject=individual:0 --data-urlencode "name=$UNDER" -d form=giay_khen_ward --data-urlencode 'achievement=Hoàn thành tốt nhiệm vụ')" 409
ok "(naming the rule, and nothing more)" sh -c "grep -q 'Nghị định 98/2023' '$T_DIR/body' && ! grep -q 'giấy chứng nhận quyền sử dụng đất' '$T_DIR/body'"
ok "someone else: proposed" equals "$(propose -d subject=individual:0 --data-urlencode 'name=Lâm Thị Kiều Oanh' --data-urlencode 'detail=Tổ trưởng tổ hòa giải khu phố Đông Tác' -d form=giay_khen_ward --data-urlencode 'achievement=Hòa giải thành 12 vụ việc trong năm')" 303
ok "the same achievement again, another form: refused" equals "$(propose -d subject=individual:0 --data-urlencode 'name=LÂM THỊ KIỀU OANH' -d form=advanced_worker --data-urlencode 'achievement=hòa giải thành 12 vụ việc trong năm')" 409
ok "(naming Art. 5)" contains "$T_DIR/body" "Điều 5"
ok "a form for collectives, to a person: 400" equals "$(propose -d subject=individual:0 --data-urlencode 'name=Lâm Văn Bé' -d form=advanced_collective --data-urlencode 'achievement=x')" 400
ok "the city's Giấy khen: a dossier for the city" equals "$(propose -d subject=individual:0 --data-urlencode 'name=Lâm Văn Bé' --data-urlencode 'detail=Công an khu vực' -d form=giay_khen_city --data-urlencode 'achievement=Mười năm giữ an ninh khu phố')" 303
ok "no achievement: 400, the name kept" equals "$(propose -d subject=individual:0 --data-urlencode 'name=Lâm Văn Bé' -d form=giay_khen_ward -d achievement=)" 400
ok "(in the form)" contains "$T_DIR/body" 'value="Lâm Văn Bé"'
ok "a record's id that is not a number: 400" equals "$(get "/award-rounds/$ROUND/nominations" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" -d "unit=$TDH" -d subject=individual:0 --data-urlencode 'name=Lâm Văn Bé' -d form=giay_khen_ward -d achievement=x -d source=model -d source_id=+7)" 400
ok "(named at its field)" contains "$T_DIR/body" 'href="#f-source_id"'
ok "a head may not propose here" equals "$(get "/award-rounds/$ROUND/nominations" -b "$(jar head)" -X POST --data-urlencode "csrf=$(csrf_of head /me)" -d "unit=$TDH" -d subject=individual:0 -d name=X -d form=giay_khen_ward -d achievement=x)" 404
WT=$(api_token ward@demo)
wapi() { get "$1" -H "Authorization: Bearer $WT" -H 'Content-Type: application/json' "${@:2}"; }
ok "through the API, a collective" equals "$(wapi "/api/v1/award-rounds/$ROUND/nominations" -d "{\"unit\":$TDH,\"subject\":{\"kind\":\"unit\",\"ref\":$TDH},\"form\":\"advanced_collective\",\"achievement\":\"Hoàn thành xuất sắc nhiệm vụ năm\"}")" 201
ok "a wrong type in the API: 400 naming it" equals "$(wapi "/api/v1/award-rounds/$ROUND/nominations" -d "{\"unit\":\"$TDH\",\"subject\":{\"kind\":\"unit\",\"ref\":$TDH},\"form\":\"advanced_collective\",\"achievement\":\"x\"}")" 400
ok "(unit)" equals "$(json 'j.error.field')" "unit"

# the council: 7 members in the demo, two more make nine
for n in "Mai Văn Tư" "Hồ Thị Năm"; do
	wapi /api/v1/council-members -d "{\"unit\":$TDH,\"name\":\"$n\",\"position\":\"Ủy viên\"}" >/dev/null
done
get "/api/v1/council-members?unit=$TDH" >/dev/null
MEMBERS=$(json 'j.members.map(m=>m.id).join(" ")')
ok "nine members" equals "$(echo $MEMBERS | wc -w)" 9
ct=$(csrf_of council "/award-rounds/$ROUND")
cpost() { get "$1" -b "$(jar council)" -X POST --data-urlencode "csrf=$ct" "${@:2}"; }
present() { for m in $(echo $MEMBERS | cut -d' ' -f1-$1); do printf -- '-d present=%s ' "$m"; done; }
ok "a session with five of nine" equals "$(cpost "/award-rounds/$ROUND/sessions" $(present 5) --data-urlencode 'place=Hội trường phường')" 303
S1=$(sed -n 's/^location: \/council-sessions\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "its page" equals "$(get "/council-sessions/$S1" -b "$(jar council)")" 200
ok "(not quorate: 5/9 is below two thirds)" sh -c "grep -q '5/9' '$T_DIR/body' && grep -q 'chưa đủ số thành viên' '$T_DIR/body'"
get "/api/v1/award-rounds/$ROUND" -H "Authorization: Bearer $WT" >/dev/null
NOMS=$(json 'j.nominations.filter(n=>n.status==="proposed").map(n=>n.id).join(" ")')
FIRST=${NOMS%% *}
ok "no vote without a quorum: 409" equals "$(cpost "/council-sessions/$S1/votes" -d "nomination=$FIRST" -d all=yes)" 409
ok "(naming the rule: 2/3)" sh -c "grep -q '2/3' '$T_DIR/body' && grep -q 'Nghị định 98/2023' '$T_DIR/body'"
ok "the session closes" equals "$(cpost "/council-sessions/$S1/close")" 303
ok "a session with six of nine: exactly two thirds" equals "$(cpost "/award-rounds/$ROUND/sessions" $(present 6) --data-urlencode 'place=Hội trường phường')" 303
S2=$(sed -n 's/^location: \/council-sessions\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
get "/api/v1/council-sessions/$S2" -H "Authorization: Bearer $(api_token council@demo)" >/dev/null
ok "(quorate)" equals "$(json '[j.members, j.present, j.quorum, j.quorate].join()')" "9,6,2/3,true"
ok "a ward officer does not vote" equals "$(get "/council-sessions/$S2/votes" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" -d "nomination=$FIRST" -d all=yes)" 403
# each member's vote: three agree, three do not: exactly half fails
votes() { i=0; for m in $(echo $MEMBERS | cut -d' ' -f1-6); do i=$((i + 1)); [ $i -le "$1" ] && v=yes || v=no; printf -- '-d m%s=%s ' "$m" "$v"; done; }
ok "half of those present agree" equals "$(cpost "/council-sessions/$S2/votes" -d "nomination=$FIRST" $(votes 3))" 303
get "/api/v1/award-rounds/$ROUND" -H "Authorization: Bearer $WT" >/dev/null
ok "(not passed)" equals "$(json "j.nominations.find(n=>n.id==$FIRST).status")" "failed"
ok "a member left out: 400" equals "$(cpost "/council-sessions/$S2/votes" -d "nomination=$FIRST" $(votes 4 | sed 's/-d m[0-9]*=no $//'))" 400
ok "four of six agree" equals "$(cpost "/council-sessions/$S2/votes" -d "nomination=$FIRST" $(votes 4))" 303
get "/api/v1/award-rounds/$ROUND" -H "Authorization: Bearer $WT" >/dev/null
ok "(passed, 4 of 6)" equals "$(json "[j.nominations.find(n=>n.id==$FIRST).status, j.nominations.find(n=>n.id==$FIRST).count.yes].join()")" "passed,4"
for n in ${NOMS#* }; do cpost "/council-sessions/$S2/votes" -d "nomination=$n" -d all=yes >/dev/null; done
ok "each member's vote in the API" equals "$(get "/api/v1/council-sessions/$S2" -H "Authorization: Bearer $(api_token council@demo)")" 200
ok "the minutes" equals "$(get "/council-sessions/$S2/minutes.pdf" -b "$(jar council)")" 200
pdftotext "$T_DIR/body" - | tr -s ' \n' '  ' >"$T_DIR/minutes.txt"
ok "(the quorum, the members, each vote)" sh -c "grep -q 'BIÊN BẢN' '$T_DIR/minutes.txt' && grep -q 'Có mặt: 6 trên 9' '$T_DIR/minutes.txt' && grep -q 'Lâm Thị Kiều Oanh' '$T_DIR/minutes.txt' && grep -q 'Không đồng ý: 2' '$T_DIR/minutes.txt' && grep -q 'Mai Văn Tư' '$T_DIR/minutes.txt'"
ok "no decision while the session sits: 409" equals "$(get "/award-rounds/$ROUND/decision" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" -d number=12/QĐ-UBND -d "signed_on=$(vn_day 0)" --data-urlencode 'authority=ỦY BAN NHÂN DÂN PHƯỜNG TÂN ĐÔNG HIỆP' -d signer_title=CHỦ%20TỊCH --data-urlencode 'signer_name=Trần Văn Sáu' -d place=Dĩ%20An)" 409
cpost "/council-sessions/$S2/close" >/dev/null

# after the round closes (behind the program's back), nobody is proposed
SQL="UPDATE award_round SET closes_on = $(TZ=Asia/Ho_Chi_Minh date -d '-1 day' +%Y%m%d) WHERE id = $ROUND"
case $DB in sqlite:*) sqlite3 "${DB#sqlite:}" "$SQL" ;; *) psql -q "$DB" -c "$SQL" >/dev/null ;; esac
ok "a nomination after the round closed: 409" equals "$(propose -d subject=individual:0 --data-urlencode 'name=Đỗ Văn Mười' -d form=giay_khen_ward --data-urlencode 'achievement=Hiến đất mở hẻm')" 409
ok "(naming the day it closed)" contains "$T_DIR/body" "hết hạn nhận đề nghị"

# the decision and its certificates
ok "the decision" equals "$(get "/award-rounds/$ROUND/decision" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" -d number=12/QĐ-UBND -d "signed_on=$(vn_day 0)" --data-urlencode 'authority=ỦY BAN NHÂN DÂN PHƯỜNG TÂN ĐÔNG HIỆP' -d signer_title=CHỦ%20TỊCH --data-urlencode 'signer_name=Trần Văn Sáu' -d place=Dĩ%20An)" 303
D2=$(sed -n 's/^location: \/award-decisions\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "its public page" equals "$(get "/award-decisions/$D2")" 200
ok "(Lâm Thị Kiều Oanh among them)" contains "$T_DIR/body" "Lâm Thị Kiều Oanh"
ok "the ward's page links it" sh -c "curl -s 'http://127.0.0.1:$T_PORT/units/$TDH' | grep -q 'href=\"/award-decisions/$D2\"'"
ok "the ward prints its certificates" equals "$(get "/award-decisions/$D2/certificates.pdf" -b "$(jar ward)")" 200
pdftotext "$T_DIR/body" "$T_DIR/d2.txt"
ok "(the ward's chairman gives them)" contains "$T_DIR/d2.txt" "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG TÂN ĐÔNG HIỆP"
ok "(Trần Văn Sáu signs)" contains "$T_DIR/d2.txt" "Trần Văn Sáu"
get "/api/v1/award-decisions/$D2" >/dev/null
ok "the decision in JSON" equals "$(json '[j.number, j.list.length>0, j.list.every(a=>a.verify.startsWith("/verify/"))].join()')" "12/QĐ-UBND,true,true"
ok "(the city's Giấy khen went up as a dossier)" equals "$(json 'j.forwarded')" 1
ok "a second decision: 409" equals "$(get "/award-rounds/$ROUND/decision" -b "$(jar ward)" -X POST --data-urlencode "csrf=$wt" -d number=13 -d "signed_on=$(vn_day 0)" -d authority=X -d signer_title=X -d signer_name=X -d place=X)" 409
