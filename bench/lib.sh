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
