#!/usr/bin/env bash
# Simulator throughput: GET a HubSpot contact by id through the full pipeline (quotas and chaos off),
# side by side with a bare WireMock.Net static mapping (admin API off, and on as the simulators have it),
# in the same run, alternating rounds so machine noise hits all three alike.
# Usage: benchmarks/simulator-throughput.sh [seconds-per-round] [rounds]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
rounds=${2:-2}
sim_port=5182
bare_port=5199
bare_admin_port=5198
token=pat-na1-00000000-0000-4000-8000-000000000000

command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 2; }
dotnet build src/GtmGuard.Cli -c Release -v q -nologo >/dev/null
dotnet build benchmarks/BareWireMock -c Release -v q -nologo >/dev/null

GTMGUARD__Simulators__Settings__EnforceQuotas=false \
  dotnet src/GtmGuard.Cli/bin/Release/net10.0/gtmguard.dll simulate --vendors hubspot --hubspot-port "$sim_port" >/tmp/gtmguard-bench-sim.log 2>&1 &
sim_pid=$!
dotnet benchmarks/BareWireMock/bin/Release/net10.0/BareWireMock.dll "$bare_port" >/tmp/gtmguard-bench-bare.log 2>&1 &
bare_pid=$!
dotnet benchmarks/BareWireMock/bin/Release/net10.0/BareWireMock.dll "$bare_admin_port" --admin >/tmp/gtmguard-bench-bare-admin.log 2>&1 &
bare_admin_pid=$!
trap 'kill $sim_pid $bare_pid $bare_admin_pid 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$sim_port/__gtmguard/info" >/dev/null 2>&1 \
    && curl -sf -o /dev/null "http://127.0.0.1:$bare_port/crm/v3/objects/contacts/1000000001" 2>/dev/null \
    && curl -sf -o /dev/null "http://127.0.0.1:$bare_admin_port/crm/v3/objects/contacts/1000000001" 2>/dev/null && break
  sleep 0.2
done

id=$(curl -sf -X POST "http://127.0.0.1:$sim_port/crm/v3/objects/contacts" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"properties":{"email":"bench@example.com","firstname":"Bench","lastname":"Mark"}}' | sed -n 's/.*"id":"\([0-9]*\)".*/\1/p')
sim_url="http://127.0.0.1:$sim_port/crm/v3/objects/contacts/$id"
bare_url="http://127.0.0.1:$bare_port/crm/v3/objects/contacts/1000000001"
bare_admin_url="http://127.0.0.1:$bare_admin_port/crm/v3/objects/contacts/1000000001"

run() { wrk -t2 -c32 -d"${duration}s" --latency -H "Authorization: Bearer $token" "$1" | awk '/Requests\/sec/ {print $2}'; }

# Warm both servers up (JIT, connection pools) before measuring.
wrk -t2 -c32 -d3s -H "Authorization: Bearer $token" "$sim_url" >/dev/null
wrk -t2 -c32 -d3s "$bare_url" >/dev/null
wrk -t2 -c32 -d3s "$bare_admin_url" >/dev/null

sim_total=0; bare_total=0; admin_total=0
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
echo "| round | simulator req/s | bare WireMock req/s | ratio | bare WireMock + admin API req/s | ratio |"
echo "| --- | --- | --- | --- | --- | --- |"
for round in $(seq 1 "$rounds"); do
  s=$(run "$sim_url"); b=$(run "$bare_url"); a=$(run "$bare_admin_url")
  sim_total=$(awk -v x="$sim_total" -v y="$s" 'BEGIN{print x+y}')
  bare_total=$(awk -v x="$bare_total" -v y="$b" 'BEGIN{print x+y}')
  admin_total=$(awk -v x="$admin_total" -v y="$a" 'BEGIN{print x+y}')
  echo "| $round | $s | $b | $(ratio "$s" "$b") | $a | $(ratio "$s" "$a") |"
done
echo "| mean | $(awk -v x="$sim_total" -v n="$rounds" 'BEGIN{printf "%.0f", x/n}') | $(awk -v x="$bare_total" -v n="$rounds" 'BEGIN{printf "%.0f", x/n}') | $(ratio "$sim_total" "$bare_total") | $(awk -v x="$admin_total" -v n="$rounds" 'BEGIN{printf "%.0f", x/n}') | $(ratio "$sim_total" "$admin_total") |"
