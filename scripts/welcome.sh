#!/bin/sh
# What `make run` prints before the server starts: the address, the demo
# logins and what to try first. Usage: scripts/welcome.sh URL
url=${1:-http://localhost:8080/}
cat <<END

  danvan: $url   (Ctrl-C stops it; the access log follows)

  Log in with password danvan-demo as:
    resident@demo   a household of Đông Tác: notices, ballots, comments on drafts
    head@demo       head of Đông Tác: put a matter to the community, call a meeting
    ward@demo       officer of Tân Đông Hiệp ward: publish notices, open drafts
    front@demo      Front work committee of Đông Tác: agree to an online vote
    admin@demo      administrator of Dĩ An city: units, roles, rules, categories

  Try first: open the address and pick Tân Đông Hiệp, then Đông Tác. Log in
  as resident@demo and vote in the open matter (Matters). Then, as ward@demo,
  write and publish a notice; back as resident@demo, find it on your page
  (/me) and say your household knows it: the notice's reach goes up.

END
