# Shared by the benchmarks. Source it.

# A free loopback port below Linux's ephemeral ports.
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 12000))
		(exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo "$p"; return; }
	done
}

# The line every benchmark's output starts with: what it ran on.
machine_line() {
	echo "# machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'))"
}

# A ballot that opens tells the representatives on its roll (in the app),
# and a bench's setup opens one in every neighborhood: its server starts
# with a message per household to deliver. In a vote they go out when the
# ballot opens, well before its busiest hour, so a bench waits for them
# before measuring, and says how long the sender took.
#   await_opening QUERY-COMMAND...   the command runs one SQL text given last
#                                    (psql -tA URL -c, or a function)
await_opening() {
	local t0 left n
	t0=$(date +%s.%N)
	for _ in $(seq 1 1200); do
		left=$("$@" "SELECT (SELECT COUNT(*) FROM notify_event WHERE expanded_at IS NULL) +
			(SELECT COUNT(*) FROM notify_outbox WHERE state IN ('pending', 'sending')
			AND channel = 'inapp')")
		[ "$left" = 0 ] && break
		sleep 0.25
	done
	n=$("$@" "SELECT COUNT(*) FROM notify_outbox WHERE channel = 'inapp' AND state = 'sent'")
	awk -v n="$n" -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {
		printf "# before the vote: the ballots'"'"' opening, %d messages in the app, delivered in %.1f s\n", n, b - a }'
}
