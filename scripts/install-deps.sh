#!/bin/sh
# Install the Debian packages drama needs to build, run and test.
# Idempotent: packages already present are skipped; only Debian packages are installed.
# `install-deps.sh fuzz` installs only what `make fuzz` needs (clang and its libFuzzer);
# `install-deps.sh runtime` only what building and running drama needs (the container image).
set -eu
PKGS="build-essential pkg-config
libjansson-dev libcairo2-dev libpng-dev libpango1.0-dev libfontconfig-dev fonts-noto-cjk fonts-dejavu-core
libass-dev libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev libx264-dev
flite1-dev libespeak-ng-dev espeak-ng-data libfluidsynth-dev fluid-soundfont-gm libebur128-dev
libcurl4-openssl-dev libmicrohttpd-dev unicode-data libpinyin-data bzip2
wordnet-dev wordnet-base libfriso-dev friso-dict libaubio-dev libzip-dev"
# Tools the tests use: ffmpeg to inspect output; Chromium and Node.js for the
# workbench's browser tests (playwright-core itself comes from npm, see the Makefile);
# poppler-utils' pdftotext reads back the PDF afterwriting (npm, tests/peers) makes of our screenplay.
# python3 makes the fuzz corpora's WAV seeds (fuzz/make_corpus.py --wavs).
# melt renders the MLT timeline `drama export` writes; xmllint (libxml2-utils) reads its FCPXML.
# wrk measures the workbench's latency from a separate process (make bench).
# slurm-wlm and munge run the single-node test cluster (tests/slurm/start.sh); slurmdbd and
# mariadb-server give it accounting, so that sacct answers (tests/slurm/accounting.sh).
TOOLS="ffmpeg chromium sox pocketsphinx pocketsphinx-en-us poppler-utils strace melt libxml2-utils python3 wrk slurm-wlm munge
slurmdbd mariadb-server"
command -v node >/dev/null 2>&1 || TOOLS="$TOOLS nodejs npm"
# Shotcut and Kdenlive open the projects `drama export` writes, under Xvfb (tests/test_export_editors.c;
# measured here: 234 packages, 1.6 GB, 73 s to install). `install-deps.sh noeditors` leaves them out
# and that test skips.
[ "${1:-}" = noeditors ] || TOOLS="$TOOLS shotcut kdenlive xvfb x11-apps xdotool dbus-daemon"
if [ "${1:-}" = runtime ]; then
	TOOLS=""
fi
if [ "${1:-}" = fuzz ]; then
	PKGS="clang libclang-rt-14-dev"
	TOOLS=""
fi
missing=""
for p in $PKGS $TOOLS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing:$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
