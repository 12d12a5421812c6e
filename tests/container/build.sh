#!/bin/sh
# tests/container/build.sh — build the Dockerfile's image without a registry, as far as
# this machine allows: a Debian 12 base made by mmdebstrap from the Debian archive and
# imported into podman (localhost/debian:12, made once), then `podman build
# --isolation=chroot` (its RUN steps install, compile and make a small demo episode).
# Exit 77 = cannot run here (the reason on stderr). Usage: tests/container/build.sh [TAG]
set -eu
TAG=${1:-localhost/drama:test}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
command -v podman >/dev/null 2>&1 || { echo "SKIP: podman is not installed (apt-get install podman mmdebstrap)" >&2; exit 77; }
if ! podman image exists localhost/debian:12; then
	command -v mmdebstrap >/dev/null 2>&1 || { echo "SKIP: no localhost/debian:12 image and no mmdebstrap to make one" >&2; exit 77; }
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
	mmdebstrap --variant=minbase bookworm "$T/rootfs.tar" >&2
	podman import "$T/rootfs.tar" localhost/debian:12 >&2
fi
podman build --isolation=chroot --build-arg BASE=localhost/debian:12 -t "$TAG" "$REPO" >&2
podman image exists "$TAG"
echo "built $TAG"
