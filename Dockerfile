# Payvand: one binary and one SQLite file.
#
#   docker build -t payvand --build-arg VERSION=$(git describe --tags --always --dirty) .
#   docker run -d --name payvand -p 8080:8080 -v payvand-data:/data payvand
#
# The SQLite driver uses cgo, so the binary is built with gcc against glibc
# and runs on the Debian release the builder is based on.

# ---- build ------------------------------------------------------------------
FROM golang:1.26-bookworm AS build

WORKDIR /src
ENV CGO_ENABLED=1

# Modules first: this layer is reused until go.mod or go.sum changes.
COPY go.mod go.sum ./
RUN go mod download

COPY . .
ARG VERSION=dev
RUN go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/payvand ./cmd/payvand

# ---- run --------------------------------------------------------------------
FROM debian:bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 payvand \
 && useradd --system --uid 10001 --gid payvand --home-dir /data --no-create-home \
      --shell /usr/sbin/nologin payvand \
 && mkdir -p /data \
 && chown payvand:payvand /data

COPY --from=build /out/payvand /usr/local/bin/payvand

# The database (payvand.db) and uploaded media (media/) live in /data. While
# the server runs, SQLite keeps payvand.db-wal and payvand.db-shm beside the
# database: never delete them, not even after a crash (the -wal file holds
# acknowledged saves), and never copy the volume of a running server. Back up
# with `docker exec payvand payvand backup /tmp/site.tar.gz` and
# `docker cp payvand:/tmp/site.tar.gz .`; restore into a stopped container's
# volume with `payvand restore FILE.tar.gz --data /data --force` (README,
# "Backups"). /data must be writable by uid 10001, or the server says so.
ENV PAYVAND_DATA=/data \
    PAYVAND_ADDR=:8080
VOLUME /data
WORKDIR /data
EXPOSE 8080

USER payvand

# `payvand healthcheck` reads the same PAYVAND_ADDR and asks
# http://127.0.0.1:8080/healthz; the image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/payvand", "healthcheck"]

ENTRYPOINT ["/usr/local/bin/payvand"]
CMD ["serve"]
