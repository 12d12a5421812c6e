#!/bin/sh
# fuzz/run.sh SECONDS TARGET... — run each libFuzzer target of build-fuzz/ for SECONDS
# on its seed corpus (fuzz/corpus/TARGET, read only) plus a working corpus
# (build-fuzz/corpus/TARGET, where new inputs go). Prints one line per target:
#   fuzz: TARGET: N runs in S s, corpus C, ok|FAILED (artifact build-fuzz/crashes/TARGET-*)
# Exits non-zero when any target found a crash, leak, undefined behaviour or a failed
# save-and-reload check. -max_len per target: larger for prose, WAV and LLM stages.
set -u
secs=$1; shift
root=$(pwd)
out=build-fuzz
mkdir -p "$out/crashes" "$out/logs"
export DRAMA_DATA="$root/data"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=0
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for t in "$@"; do
	case $t in
	novel|detect|llm_story|speech|wav) maxlen=65536 ;;
	*) maxlen=16384 ;;
	esac
	mkdir -p "$out/corpus/$t" "fuzz/corpus/$t"
	log="$out/logs/$t.log"
	dict=""
	[ -f "fuzz/dict/$t.dict" ] && dict="-dict=fuzz/dict/$t.dict"
	nice -n 5 "$out/fuzz_$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 -max_len=$maxlen \
		-print_final_stats=1 -artifact_prefix="$out/crashes/$t-" $dict "$out/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
	corp=$(ls "$out/corpus/$t" | wc -l)
	if [ $rc -eq 0 ]; then
		echo "fuzz: $t: ${runs:-?} runs in ${took:-$secs} s, corpus $corp, ok"
	else
		failed=1
		echo "fuzz: $t: FAILED after ${runs:-?} runs (exit $rc); see $log and $out/crashes/$t-*"
		grep -m3 -E "^fuzz: |ERROR: |runtime error" "$log" | sed 's/^/    /'
	fi
done
exit $failed
