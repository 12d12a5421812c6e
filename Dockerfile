# drama in a container: Debian 12, the same install script as a bare machine, the
# workbench (`drama serve`) on a volume by default. Build and run:
#   docker build -t drama .            (podman: podman build -t drama .)
#   docker run -p 8080:8080 -e DRAMA_TOKEN=a-secret-of-16-chars -v studio:/studio drama
# or `docker compose up` with compose.yaml (also wires optional AI servers). One-off
# commands: docker run --rm -v "$PWD:/work" -w /work drama drama make "palace, revenge" -o palace
# BASE lets a machine without registry access build from a local image (see README).
ARG BASE=debian:12
FROM ${BASE}
# DEMO=1 makes a small episode during the build: the image is known to work end to end
ARG DEMO=1
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
COPY . /opt/drama
WORKDIR /opt/drama
RUN apt-get update -qq && ./scripts/install-deps.sh runtime
RUN make -j"$(nproc)" drama \
 && ln -sf /opt/drama/build/drama /usr/local/bin/drama \
 && if [ "$DEMO" = 1 ]; then \
      DRAMA_NO_BAR=1 drama make "ancient time-travel, milk tea shop, prince" -o /tmp/demo \
        --size 216x384 --fps 10 --minutes 0.5 -q \
      && test -s /tmp/demo/ep01.mp4 && rm -rf /tmp/demo; \
    fi \
 && rm -rf /var/lib/apt/lists/* build/src build/tests
VOLUME /studio
EXPOSE 8080
# Listening beyond the container needs a token (16+ characters): set DRAMA_TOKEN.
CMD ["sh", "-c", "exec drama serve /studio --host 0.0.0.0 --port 8080 --token \"${DRAMA_TOKEN:?set DRAMA_TOKEN to a secret of 16+ characters}\""]
