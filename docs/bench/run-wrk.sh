#!/usr/bin/env bash
# Loopback load test of a real payvand server on the 10,000-article benchmark
# dataset, with wrk (Debian: apt-get install wrk). See docs/BENCHMARKS.md.
#
#   bash docs/bench/run-wrk.sh [DURATION] [CONNECTIONS] [ROUNDS]   (defaults 10s, 32, 1)
#
# The dataset is the one `go test -run '^$' -bench . ./api/` builds in
# $TMPDIR/payvand-bench/; run a benchmark once first. Two servers run on
# copies of it, listening on 127.0.0.1 only: the response cache on (the
# default --cache-ttl 30s) and off (--cache-ttl 0).
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-10s}
conns=${2:-32}
rounds=${3:-1}
threads=2
tmp=${TMPDIR:-/tmp}
dataset=$(ls -t "$tmp"/payvand-bench/dataset-*.db 2>/dev/null | head -1 || true)
if [[ -z $dataset ]]; then
  echo "no dataset in $tmp/payvand-bench: run go test -run '^\$' -bench ListFirstPage -benchtime 1x ./api/ first" >&2
  exit 1
fi
for tool in wrk sqlite3 curl; do
  command -v $tool >/dev/null || { echo "$tool is needed (apt-get install -y $tool)" >&2; exit 1; }
done

work=$(mktemp -d "$tmp/payvand-wrk.XXXXXX")
go build -o "$work/payvand" ./cmd/payvand
now=$(date +%s)

# Every translation's slug, raw (the Lua script percent-encodes), shuffled
# with a fixed order so the hot set is the same on every run.
sqlite3 -readonly "$dataset" "SELECT '/api/v1/' || locale || '/articles/slug/' || slug FROM article_translations ORDER BY (id * 7919) % 20011" >"$work/slugs.txt"

# Page 500 of the tg list (limit 20) continues after the 9,980th article:
# its cursor is that article's position, encoded as the API encodes it.
read -r at id < <(sqlite3 -readonly -separator ' ' "$dataset" \
  "SELECT published_at, article_id FROM article_listings WHERE locale='tg' AND scope_id=0 AND published_at <= $now ORDER BY published_at DESC, article_id DESC LIMIT 1 OFFSET 9979")
cursor=$(printf 'v1.%s.%s' "$at" "$id" | base64 -w0 | tr '+/' '-_' | tr -d '=')
page500="/api/v1/tg/articles?cursor=$cursor"

pids=()
stop_servers() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap stop_servers EXIT

start_server() { # $1 = port, $2 = cache ttl
  local port=$1 ttl=$2 dir="$work/data-$1"
  mkdir -p "$dir"
  cp "$dataset" "$dir/payvand.db"
  PAYVAND_ADMIN_PASSWORD=bench-only-password "$work/payvand" --data "$dir" --addr 127.0.0.1:$port \
    --public-url "http://127.0.0.1:$port" --cache-ttl "$ttl" >"$work/server-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null
  # the page-500 URL must really be the last full page
  curl -fsS "http://127.0.0.1:$port$page500" | grep -q '"next_cursor":null' || { echo "page 500 URL is wrong: $page500" >&2; exit 1; }
}

# Two servers on copies of the dataset: the response cache on (the default
# --cache-ttl 30s) and off. Each case runs on one right after the other, so
# both see the same machine; the rounds show how much the numbers move.
on=18080
off=18081
start_server $on 30s
start_server $off 0

run() { # $1 = label, $2 = port, $3 = path or "slugs"/"hot", rest: extra wrk arguments
  local label=$1 port=$2 what=$3
  local args=("http://127.0.0.1:$port$what")
  case $what in
  slugs) args=(-s docs/bench/wrk-paths.lua "http://127.0.0.1:$port" -- "$work/slugs.txt") ;;
  hot) args=(-s docs/bench/wrk-paths.lua "http://127.0.0.1:$port" -- "$work/slugs.txt" 1000) ;;
  esac
  wrk -t$threads -c$conns -d3s "${args[@]}" >/dev/null # warm-up: page cache, connections, response cache
  local load out
  load=$(cut -d' ' -f1 /proc/loadavg)
  out=$(wrk -t$threads -c$conns -d"$duration" --latency "${args[@]}")
  printf '%-28s %-9s %10s req/s  p50 %8s  p99 %8s  non2xx %s  timeouts %s  load %s\n' "$label" \
    "$([[ $port == "$on" ]] && echo cache=on || echo cache=off)" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$(awk '/Non-2xx/ {print $NF}' <<<"$out" | grep . || echo 0)" \
    "$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' <<<"$out" | grep . || echo 0)" "$load"
}

echo "# wrk -t$threads -c$conns -d$duration, $(nproc) cores, rounds $rounds"
for round in $(seq "$rounds"); do
  echo "## round $round"
  for c in "list-page-1|/api/v1/tg/articles" "list-page-500|$page500" "list-section-culture|/api/v1/tg/articles?section=culture" \
    "by-slug-random-20000|slugs" "by-slug-hot-1000|hot"; do
    for port in $on $off; do
      run "${c%%|*}" $port "${c#*|}"
    done
  done
done
for port in $on $off; do # GORM logs queries slower than 200 ms
  echo "server :$port logged $(grep -c 'SQL executed' "$work/server-$port.log" || true) queries slower than 200 ms"
done
stop_servers
rm -rf "$work"
