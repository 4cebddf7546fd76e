#!/usr/bin/env bash
# Webhook intake vs a bare Kestrel endpoint under the same wrk load, alternating rounds in one run.
# Usage: loadtests/webhook-intake-vs-bare.sh [seconds per round] [rounds] [connections]
# Needs wrk (apt-get install wrk). Every 5th request repeats the previous body byte for byte (a vendor's redelivery).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_ROUND=${1:-15}
ROUNDS=${2:-3}
CONNECTIONS=${3:-32}
INTAKE_PORT=${INTAKE_PORT:-5198}
BARE_PORT=${BARE_PORT:-5199}
OUT=$(mktemp -d)
# The intake's Clay token: yours if CLAY_TOKEN is set, else a random one for this run (serve reads it; never printed).
CLAY_TOKEN=${CLAY_TOKEN:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
export CLAY_TOKEN

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
dotnet build -c Release loadtests/GtmGuard.LoadTests >/dev/null
BIN=loadtests/GtmGuard.LoadTests/bin/Release/net10.0/GtmGuard.LoadTests.dll

cat > "$OUT/clay.lua" <<'LUA'
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local counter = 0
local last = nil
request = function()
  counter = counter + 1
  local body
  if counter % 5 == 0 and last ~= nil then
    body = last
  else
    body = string.format('{"seq":%d,"email":"wrk%s-%d-%d@load.gtmguard.test","updatedAt":"2026-01-01T00:00:00Z"}', counter, os.getenv("ROUND"), id, counter)
    last = body
  end
  return wrk.format("POST", "/webhooks/clay", { ["Content-Type"] = "application/json", ["x-clay-webhook-auth"] = os.getenv("CLAY_TOKEN") }, body)
end
LUA

start() { # name port [serve options…]
  local name=$1 port=$2
  shift 2
  dotnet "$BIN" serve "$name" --port "$port" "$@" > "$OUT/$name.log" 2>&1 &
  echo $! > "$OUT/$name.pid"
  for _ in $(seq 1 100); do grep -q "http://" "$OUT/$name.log" && return 0; sleep 0.2; done
  echo "$name did not start" >&2; cat "$OUT/$name.log" >&2; exit 2
}
stop() { kill -TERM "$(cat "$OUT/$1.pid")"; wait "$(cat "$OUT/$1.pid")" 2>/dev/null || true; }

# INTAKE_OPTIONS, e.g. "--set Sync:Store:DurableCommits=false", shows what the per-delivery fsync costs.
# shellcheck disable=SC2086
start intake "$INTAKE_PORT" ${INTAKE_OPTIONS:-}
start bare "$BARE_PORT"
# A 5-second warm-up of each target first (not reported; the intake's deliveries still count in its totals), so the
# first round does not measure JIT tiering.
for target in intake bare; do
  port=$([ "$target" = intake ] && echo "$INTAKE_PORT" || echo "$BARE_PORT")
  ROUND="warmup-$target" wrk -t2 -c"$CONNECTIONS" -d5s -s "$OUT/clay.lua" "http://127.0.0.1:$port" > "$OUT/$target-warmup.txt"
done
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $CONNECTIONS connections (wrk -t2), ${SECONDS_PER_ROUND}-second rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "| round | target | requests/s | unique events/s | p50 ms | p99 ms | non-2xx | intake ÷ bare | backlog at round end |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
for round in $(seq 1 "$ROUNDS"); do
  intake_rps=
  for target in intake bare; do
    port=$([ "$target" = intake ] && echo "$INTAKE_PORT" || echo "$BARE_PORT")
    ROUND="$round-$target" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_ROUND}s" --latency -s "$OUT/clay.lua" "http://127.0.0.1:$port" > "$OUT/$target-$round.txt"
    rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/$target-$round.txt")
    p50=$(awk '$1=="50%" {print $2}' "$OUT/$target-$round.txt")
    p99=$(awk '$1=="99%" {print $2}' "$OUT/$target-$round.txt")
    non2xx=$(awk '/Non-2xx/ {print $5}' "$OUT/$target-$round.txt"); non2xx=${non2xx:-0}
    unique=$(awk -v r="$rps" 'BEGIN {printf "%.0f", r * 0.8}')
    ratio= backlog=
    if [ "$target" = intake ]; then
      # The processor's backlog (accepted, not yet settled) as the round ends: whether it kept up.
      intake_rps=$rps
      # (The two counters are bumped by different threads, so a settled event can be counted before its acceptance: floor 0.)
      backlog=$({ grep '^progress' "$OUT/intake.log" || true; } | tail -1 | sed 's/.*backlog=//' | awk '{print ($1 < 0 ? 0 : $1)}')
    else
      ratio=$(awk -v i="$intake_rps" -v b="$rps" 'BEGIN {printf "%.3f", i / b}')
    fi
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$round" "$target" "$rps" "$unique" "$p50" "$p99" "$non2xx" "$ratio" "$backlog"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
stop bare
stop intake
echo
echo "Intake inbox at the end (applied/pending = unique events stored, duplicate = redeliveries recognised; pending = what the processor had not settled yet):"
tail -1 "$OUT/intake.log"
grep -h "requests in" "$OUT"/intake-*.txt | awk '{sum += $1} END {print "intake requests answered in total, warm-up included: " sum " (4 of every 5 unique, so about " int(sum * 0.8) " unique events)"}'
