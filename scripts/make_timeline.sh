#!/bin/bash
# scripts/make_timeline.sh — where a `drama make` spends its wall time, and how many cores
# each part could keep busy, in a way the load of a shared machine does not decide:
#   scripts/make_timeline.sh OUTDIR [drama make options...]
# runs `build/drama make "ancient time-travel, milk tea shop, prince" -o OUTDIR -v` (from the
# source folder), stamps each message with the seconds since the start (OUTDIR.timeline.log),
# samples every 20 ms which of its threads are runnable (state R: running or waiting for a
# core; OUTDIR.timeline.run) and prints, for each phase between the make's own messages,
# its wall time and the number of runnable threads (mean, and the share of samples with 0,
# 1, 2, 3+), and the CPU seconds the process used in it (user + system, /proc/PID/stat) and
# those over its wall time (cores busy). A phase whose threads are runnable 2 at a time keeps
# a 2-core machine busy whatever the load; one at 1 leaves a core idle on a quiet machine.
# On a loaded machine the wall times stretch; the CPU seconds of a phase do not (much), and
# CPU / 2 is the least wall time that phase could take here.
#   scripts/make_timeline.sh --summary OUTDIR   prints the table again from OUTDIR.timeline.*
set -e
SUMMARY=0
[ "$1" = --summary ] && { SUMMARY=1; shift; }
OUT=$1; shift
[ -n "$OUT" ] || { echo "usage: $0 [--summary] OUTDIR [drama make options...]" >&2; exit 2; }
BIN=${DRAMA_BIN:-build/drama}
LOG=$OUT.timeline.log RUN=$OUT.timeline.run FIFO=$OUT.timeline.fifo
if [ $SUMMARY = 0 ]; then
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
		my $cpu = 0;
		if (open(my $f, "<", "/proc/$pid/stat")) {
			my $s = <$f>;
			close $f;
			my @v = split / /, substr($s, rindex($s, ")") + 2);
			$cpu = ($v[11] + $v[12]) / '"$(getconf CLK_TCK)"';
		}
		printf $o "%.3f %d %.2f\n", time - $t0, $r, $cpu;
		sleep 0.02;
	}' "$PID" "$T0" "$RUN" &
SAMPLER=$!
RC=0; wait $PID || RC=$?
wait $STAMP $SAMPLER; rm -f "$FIFO"
[ $RC -eq 0 ] || { echo "drama make failed ($RC); see $LOG" >&2; exit $RC; }
fi
perl -e '
	my ($log, $run) = @ARGV;
	# each phase ends at the first message matching its pattern after the phase before; a
	# phase whose message does not come (the mix and its AAC made beside the frames: their
	# messages come during them) is left out and its time counted in the next one
	my @ends = ([ "script", qr/after stage script/ ], [ "voice | design", qr/voice: done|\[voice\] .*voiced/ ],
	            [ "music cues", qr/after design \| voice, music/ ], [ "render set-up", qr/before the segments/ ],
	            [ "frames (x264)", qr/render: done/ ], [ "last segment encoded", qr/x264.s big buffers/ ],
	            [ "mix | sidecars", qr/mixed [0-9.]+ s of sound/ ], [ "AAC pieces", qr/AAC in [0-9]+ pieces/ ],
	            [ "mux", qr/the MP4 muxed in/ ], [ "sidecars, save", qr/after stage render/ ]);
	open(L, $log) or die; my @lines = <L>; close L;
	my @t = (0); my @names; my $at = 0;
	for my $e (@ends) {
		for my $i ($at .. $#lines) {
			next unless $lines[$i] =~ $e->[1];
			$lines[$i] =~ /^\s*([0-9.]+)/; push @t, $1; push @names, $e->[0]; $at = $i + 1;
			last;
		}
	}
	@ends = map { [ $_ ] } @names;
	open(R, $run) or die; my @s = map { [split] } <R>;
	# the process CPU seconds at time x: the last sample at or before it
	my $cpu_at = sub { my $x = shift; my $c = 0; for (@s) { last if $_->[0] > $x; $c = $_->[2] } $c };
	printf "%-22s %8s %8s %8s %6s  %s\n", "phase", "wall s", "runnable", "CPU s", "cores",
	       "samples with 0 / 1 / 2 / 3+ runnable";
	for my $i (0 .. $#t - 1) {
		my ($a, $b, $n, $sum, @h) = ($t[$i], $t[$i + 1], 0, 0, 0, 0, 0, 0);
		for (@s) { next if $_->[0] < $a || $_->[0] >= $b; $n++; $sum += $_->[1]; $h[$_->[1] > 3 ? 3 : $_->[1]]++ }
		my $cpu = $cpu_at->($b) - $cpu_at->($a);
		printf "%-22s %8.2f %8.2f %8.2f %6.2f  %s\n", $ends[$i][0], $b - $a, $n ? $sum / $n : 0, $cpu,
		       $b > $a ? $cpu / ($b - $a) : 0, join(" / ", map { sprintf "%3.0f%%", $n ? 100 * $_ / $n : 0 } @h);
	}
	my $all = $cpu_at->($t[-1]);
	printf "%-22s %8.2f %8s %8.2f %6.2f\n", "total", $t[-1], "", $all, $t[-1] > 0 ? $all / $t[-1] : 0;' "$LOG" "$RUN"
