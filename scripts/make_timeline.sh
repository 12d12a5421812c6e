#!/bin/bash
# scripts/make_timeline.sh — where a `drama make` spends its wall time, and how many cores
# each part could keep busy, in a way the load of a shared machine does not decide:
#   scripts/make_timeline.sh OUTDIR [drama make options...]
# runs `build/drama make "ancient time-travel, milk tea shop, prince" -o OUTDIR -v` (from the
# source folder), stamps each message with the seconds since the start (OUTDIR.timeline.log),
# samples every 20 ms which of its threads are runnable (state R: running or waiting for a
# core; OUTDIR.timeline.run) and prints, for each phase between the make's own messages,
# its wall time and the number of runnable threads (mean, and the share of samples with 0,
# 1, 2, 3+). A phase whose threads are runnable 2 at a time keeps a 2-core machine busy
# whatever the load; one at 1 leaves a core idle on a quiet machine.
set -e
OUT=$1; shift
[ -n "$OUT" ] || { echo "usage: $0 OUTDIR [drama make options...]" >&2; exit 2; }
BIN=${DRAMA_BIN:-build/drama}
LOG=$OUT.timeline.log RUN=$OUT.timeline.run FIFO=$OUT.timeline.fifo
rm -rf "$OUT" "$FIFO"; mkfifo "$FIFO"
T0=$(date +%s.%N)
perl -MTime::HiRes=time -ne 'BEGIN{$|=1;$t0='"$T0"'} printf("%8.3f %s", time-$t0, $_)' < "$FIFO" > "$LOG" &
STAMP=$!
DRAMA_NO_BAR=1 "$BIN" make "ancient time-travel, milk tea shop, prince" -o "$OUT" -v "$@" 2>"$FIFO" >/dev/null &
PID=$!
perl -MTime::HiRes=time,sleep -e '
	my ($pid, $t0, $out) = @ARGV;
	open(my $o, ">", $out) or die "$out: $!";
	while (-d "/proc/$pid") {
		opendir(my $d, "/proc/$pid/task") or last;
		my $r = 0;
		for my $tid (readdir $d) {
			next if $tid =~ /^\./;
			open(my $f, "<", "/proc/$pid/task/$tid/stat") or next;
			my $s = <$f>;
			close $f;
			$r++ if $s && substr($s, rindex($s, ")") + 2, 1) eq "R";
		}
		closedir $d;
		printf $o "%.3f %d\n", time - $t0, $r;
		sleep 0.02;
	}' "$PID" "$T0" "$RUN" &
SAMPLER=$!
RC=0; wait $PID || RC=$?
wait $STAMP $SAMPLER; rm -f "$FIFO"
[ $RC -eq 0 ] || { echo "drama make failed ($RC); see $LOG" >&2; exit $RC; }
perl -e '
	my ($log, $run) = @ARGV;
	# each phase ends at the first message matching its pattern (in this order)
	my @ends = ([ "script", qr/after stage script/ ], [ "voice | design", qr/voice: done|\[voice\] .*voiced/ ],
	            [ "music cues", qr/after design \| voice, music/ ], [ "render set-up", qr/before the segments/ ],
	            [ "frames (x264)", qr/render: done/ ], [ "last segment encoded", qr/x264.s big buffers/ ],
	            [ "mix | sidecars", qr/mixed [0-9.]+ s of sound/ ], [ "AAC pieces", qr/AAC in [0-9]+ pieces/ ],
	            [ "mux, save", qr/after stage render/ ]);
	open(L, $log) or die; my @t = (0); my $k = 0;
	while (<L>) { next if $k >= @ends; if (/$ends[$k][1]/) { /^\s*([0-9.]+)/; push @t, $1; $k++ } }
	open(R, $run) or die; my @s = map { [split] } <R>;
	printf "%-22s %8s %8s  %s\n", "phase", "wall s", "runnable", "samples with 0 / 1 / 2 / 3+ runnable";
	for my $i (0 .. $#t - 1) {
		my ($a, $b, $n, $sum, @h) = ($t[$i], $t[$i + 1], 0, 0, 0, 0, 0, 0);
		for (@s) { next if $_->[0] < $a || $_->[0] >= $b; $n++; $sum += $_->[1]; $h[$_->[1] > 3 ? 3 : $_->[1]]++ }
		printf "%-22s %8.2f %8.2f  %s\n", $ends[$i][0], $b - $a, $n ? $sum / $n : 0,
		       join(" / ", map { sprintf "%3.0f%%", $n ? 100 * $_ / $n : 0 } @h);
	}
	printf "%-22s %8.2f\n", "total", $t[-1];' "$LOG" "$RUN"
