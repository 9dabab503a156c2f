#!/bin/bash
# Electing a community head on the web: the timeline refused at each of its
# limits (no plan, a plan too late, a notice too short, a candidate on the
# election team), the timeline shown with the rules in force; and a meeting
# counting a secret ballot per candidate, the winner becoming the result.
. "$(dirname "$0")/../lib.sh"

DB=$(new_db)
"$DANVAN_BIN" demo --households 60 --seed 8 --db "$DB" >/dev/null 2>&1
ok "server starts" start_server "$DB" --threads 2
for who in head res; do
	case $who in res) login=resident@demo ;; *) login=$who@demo ;; esac
	ok "$who logs in" equals "$(login_as $who $login)" 303
done
get '/api/v1/units?q=dong%20tac' >/dev/null
DT=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Đông Tác".*/\1/p' "$T_DIR/body")
get '/api/v1/units?q=chieu%20lieu' >/dev/null
CL=$(sed -n 's/.*"id":\([0-9]*\),"kind":"neighborhood","name":"Chiêu Liêu".*/\1/p' "$T_DIR/body")
printf 'mat-khau-2\n' | "$DANVAN_BIN" user add headcl@demo --name "Trưởng khu phố Chiêu Liêu" --db "$DB" >/dev/null
"$DANVAN_BIN" user grant headcl@demo head "$CL" --db "$DB" >/dev/null
ok "the other head logs in" equals "$(login_as other headcl@demo mat-khau-2)" 303

ht=$(csrf_of head "/units/$DT/matters/new")
hpost() { get "$1" -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" "${@:2}"; }
vn() { TZ=Asia/Ho_Chi_Minh date -d "$1" +%F; }
ok "an election with two candidates" equals "$(hpost "/units/$DT/matters" -d type=4 -d form=meeting --data-urlencode 'title=Bầu trưởng khu phố Đông Tác nhiệm kỳ 2027–2029' --data-urlencode 'body=Hai ứng cử viên' --data-urlencode $'options=Nguyễn Thị Hoa\nTrần Văn Bình')" 303
E=$(sed -n 's/^location: \/matters\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
ok "its page shows the timeline" equals "$(get "/matters/$E" -b "$(jar head)")" 200
ok "(with the rules in force: 20, 7 and 10 days)" sh -c "grep -q 'Ít nhất 20 ngày trước ngày bầu' '$T_DIR/body' && grep -q 'Ít nhất 7 ngày' '$T_DIR/body' && grep -q 'Nhiều nhất 10 ngày' '$T_DIR/body'"
ok "called without a plan: refused" equals "$(hpost "/matters/$E/schedule" -d "starts_on=$(vn '+8 days')" -d starts_time=19:00 --data-urlencode 'place=Nhà văn hóa')" 400
ok "(saying why)" contains "$T_DIR/body" "kế hoạch bầu cử"
ok "a plan dated tomorrow: refused" equals "$(hpost "/matters/$E/election/plan" -d "plan_on=$(vn '+1 day')")" 400
ok "a plan that is not a date: refused" equals "$(hpost "/matters/$E/election/plan" -d 'plan_on=hôm qua')" 400
ok "a resident records a plan: 404 (a draft is not public)" equals "$(get "/matters/$E/election/plan" -b "$(jar res)" -X POST --data-urlencode "csrf=$(csrf_of res /me)" -d "plan_on=$(vn '-1 day')")" 404
ot=$(csrf_of other /me)
ok "the head of another neighborhood: 404" equals "$(get "/matters/$E/election/plan" -b "$(jar other)" -X POST --data-urlencode "csrf=$ot" -d "plan_on=$(vn '-1 day')")" 404
ok "the plan, issued 5 days ago" equals "$(hpost "/matters/$E/election/plan" -d "plan_on=$(vn '-5 days')")" 303
ok "an election 8 days on is then too soon after the plan" equals "$(hpost "/matters/$E/schedule" -d "starts_on=$(vn '+8 days')" -d starts_time=19:00 --data-urlencode 'place=Nhà văn hóa')" 400
ok "(the day it may be held is named)" contains "$T_DIR/body" "$(TZ=Asia/Ho_Chi_Minh date -d '+15 days' +%d/%m/%Y)"
ok "the plan corrected: issued 25 days ago" equals "$(hpost "/matters/$E/election/plan" -d "plan_on=$(vn '-25 days')")" 303
get "/api/v1/matters/$E" -b "$(jar head)" >/dev/null
ok "(in the API)" equals "$(json '[j.election.plan_on, j.election.team.length, j.election.team_on].join()')" "$(vn '-25 days'),0,"
ok "announced 6 days before: refused" equals "$(hpost "/matters/$E/schedule" -d "starts_on=$(vn '+6 days')" -d starts_time=19:00 --data-urlencode 'place=Nhà văn hóa')" 400
ok "(7 days are needed)" contains "$T_DIR/body" "ít nhất 7 ngày"
ok "a team before the meeting is called: refused" equals "$(hpost "/matters/$E/election/team" --data-urlencode $'team=Lê Văn An\nPhạm Thị Bê\nVõ Văn Cường')" 409
ok "announced 8 days before" equals "$(hpost "/matters/$E/schedule" -d "starts_on=$(vn '+8 days')" -d starts_time=19:00 --data-urlencode 'place=Nhà văn hóa')" 303
ok "the plan cannot change once the election is called" equals "$(hpost "/matters/$E/election/plan" -d "plan_on=$(vn '-30 days')")" 409
ok "a candidate on the team (written without marks): refused" equals "$(hpost "/matters/$E/election/team" --data-urlencode $'team=Le Van An\nnguyen thi hoa\nVo Van Cuong')" 400
ok "(named)" contains "$T_DIR/body" "nguyen thi hoa"
ok "a team of two: refused" equals "$(hpost "/matters/$E/election/team" --data-urlencode $'team=Lê Văn An\nVõ Văn Cường')" 400
ok "the register cannot open without a team" equals "$(hpost "/matters/$E/register/open" -d chair=Trưởng -d secretary=Thư)" 409
ok "the election team of three" equals "$(hpost "/matters/$E/election/team" --data-urlencode $'team=Lê Văn An\nPhạm Thị Bê\nVõ Văn Cường')" 303
get "/api/v1/matters/$E" >/dev/null
ok "(in the API, set up today)" equals "$(json '[j.election.team.join("|"), j.election.team_on].join()')" "Lê Văn An|Phạm Thị Bê|Võ Văn Cường,$(vn now)"
ok "the page shows each step done" equals "$(get "/matters/$E")" 200
ok "(the team and the election day)" sh -c "grep -q 'Phạm Thị Bê' '$T_DIR/body' && grep -q '$(TZ=Asia/Ho_Chi_Minh date -d '+8 days' +%d/%m/%Y)' '$T_DIR/body'"

# a count per candidate, on a matter with options decided at a meeting now
SOON=$(date -d '+70 minutes' +%s)
DAY=$(TZ=Asia/Ho_Chi_Minh date -d "@$SOON" +%F) TIME=$(TZ=Asia/Ho_Chi_Minh date -d "@$SOON" +%H:%M)
ok "a choice between three designs at a meeting" equals "$(hpost "/units/$DT/matters" -d type=1 -d form=meeting --data-urlencode 'title=Chọn mẫu cổng khu phố' --data-urlencode 'body=Ba mẫu' --data-urlencode $'options=Mẫu A\nMẫu B\nMẫu C')" 303
M=$(sed -n 's/^location: \/matters\/\([0-9]*\).*/\1/Ip' "$T_DIR/head" | tr -d '\r')
hpost "/matters/$M/schedule" -d "starts_on=$DAY" -d "starts_time=$TIME" --data-urlencode 'place=Sân' >/dev/null
ok "the register opens" equals "$(hpost "/matters/$M/register/open" -d chair=Trưởng -d secretary=Thư)" 303
get "/matters/$M/register" -b "$(jar head)" >/dev/null
for h in $(grep -o 'name="household" value="[0-9]*"' "$T_DIR/body" | grep -o '[0-9]*'); do
	[ "$(get "/api/v1/matters/$M" >/dev/null; json 'j.meeting.quorate')" = true ] && break
	hpost "/matters/$M/checkin" -d "household=$h" >/dev/null
done
get "/api/v1/matters/$M" >/dev/null
P=$(json 'j.meeting.present')
ok "quorate with $P present" equals "$(json 'j.meeting.quorate')" true
hpost "/matters/$M/motions" -d kind=main -d method=hands >/dev/null
MOTION=$(get "/api/v1/matters/$M" >/dev/null; json 'j.meeting.motions[0].id')
ok "the page asks for a count per option" equals "$(get "/matters/$M" -b "$(jar head)")" 200
ok "(one field each)" sh -c "grep -q 'name=\"option0\"' '$T_DIR/body' && grep -q 'name=\"option2\"' '$T_DIR/body' && ! grep -q 'name=\"option3\"' '$T_DIR/body'"
ok "yes/no counts for options: refused" equals "$(hpost "/motions/$MOTION/record" -d yes=1 -d no=0 -d abstain=0)" 400
ok "two counts for three options: refused" equals "$(hpost "/motions/$MOTION/record" -d option0=1 -d option1=1)" 400
ok "more votes than present: refused" equals "$(hpost "/motions/$MOTION/record" -d "option0=$P" -d option1=1 -d option2=0)" 400
ok "a negative count: refused" equals "$(hpost "/motions/$MOTION/record" -d "option0=-1" -d option1=1 -d option2=0)" 400
ok "a count that is not a number: refused" equals "$(hpost "/motions/$MOTION/record" -d "option0=mười" -d option1=1 -d option2=0)" 400
ok "the head of another neighborhood: 403" equals "$(get "/motions/$MOTION/record" -b "$(jar other)" -X POST --data-urlencode "csrf=$ot" -d option0=1 -d option1=0 -d option2=0)" 403
B=$((P / 2 + 1))
ok "Mẫu B has more than half of those present" equals "$(hpost "/motions/$MOTION/record" -d option0=0 -d "option1=$B" -d "option2=$((P - B))")" 303
get "/api/v1/matters/$M" >/dev/null
ok "(the counts per option in the API)" equals "$(json '[j.meeting.motions[0].votes["2"], j.meeting.motions[0].result.passed].join()')" "$B,true"
ok "counted once: a second count is refused" equals "$(hpost "/motions/$MOTION/record" -d option0=1 -d option1=0 -d option2=0)" 409
ok "closes the meeting" equals "$(hpost "/matters/$M/close")" 303
get "/api/v1/matters/$M" >/dev/null
ok "Mẫu B is the result" equals "$(json '[j.status, j.result.passed, j.result.winner, j.options[1].votes, j.result.present].join()')" "closed,true,Mẫu B,$B,$P"
ok "the minutes give the counts" equals "$(get "/matters/$M/minutes.pdf")" 200
ok "(the count of each option)" sh -c "pdftotext '$T_DIR/body' - | tr '\n' ' ' | grep -q 'Mẫu A 0, Mẫu B $B, Mẫu C $((P - B))'"
# a deployment changes a rule: the pages apply it and say so
ok "a city administrator logs in" equals "$(login_as admin admin@demo)" 303
at=$(csrf_of admin /rules)
get /rules -b "$(jar admin)" >/dev/null
ok "(the rules page offers the change, with the value in force)" contains "$T_DIR/body" 'name="value" id="r-meeting_quorum" min="1" max="99" value="50"'
ok "a head cannot change a rule: 403" equals "$(get /rules -b "$(jar head)" -X POST --data-urlencode "csrf=$ht" -d key=head_plan_days -d value=21)" 403
ok "out of its range: 400" equals "$(get /rules -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" -d key=head_plan_days -d value=0)" 400
ok "not a number: 400" equals "$(get /rules -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" -d key=head_plan_days -d value=hai)" 400
ok "an unknown rule: 400" equals "$(get /rules -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" -d key=nope -d value=3)" 400
ok "fewer counters than the least: 400" equals "$(get /rules -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" -d key=counters_max -d value=2)" 400
ok "the plan 21 days before" equals "$(get /rules -b "$(jar admin)" -X POST --data-urlencode "csrf=$at" -d key=head_plan_days -d value=21)" 303
get /api/v1/rules >/dev/null
ok "(in force)" equals "$(json 'j.rules.find(x=>x.key=="head_plan_days").value')" 21
ok "the public rules page shows it" sh -c "curl -s http://127.0.0.1:$T_PORT/rules | grep -q '>21 ngày<'"
get "/matters/$E" >/dev/null
ok "and the election's timeline" contains "$T_DIR/body" "Ít nhất 21 ngày trước ngày bầu"
ok "the audit chain holds" "$DANVAN_BIN" verify --db "$DB"
