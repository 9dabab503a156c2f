#!/bin/bash
# Run every libFuzzer target for FUZZ_SECONDS (15 by default) from its seed
# corpus (tests/fuzz/corpus/NAME). A crash leaves its input in
# build/fuzz/artifacts/ and fails the target.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."
SECONDS_EACH=${FUZZ_SECONDS:-15}
mkdir -p build/fuzz/artifacts
for bin in build/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	corpus=$T_DIR/corpus-$name
	mkdir -p "$corpus"
	cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
	ok "fuzz $name for ${SECONDS_EACH}s" "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 \
		-artifact_prefix=build/fuzz/artifacts/"$name"- -print_final_stats=1 "$corpus"
	grep -h "stat::number_of_executed_units" "$T_DIR/last.out" | sed "s/^/# $name: /"
done
