#!/usr/bin/env bash
# Installs what the tests need (if missing) and runs the whole test suite.
# Usage: eng/test.sh            (from the repository root; needs the .NET 10 SDK)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
apt_packages=()
command -v node >/dev/null 2>&1 || apt_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)
# Real parts the observability tests start on 127.0.0.1: Prometheus (+ promtool), Chromium for Playwright,
# and docker-compose v1 to validate the compose file offline (no engine needed). The tests run these exact paths,
# so those are what is checked (a prometheus elsewhere on PATH would not do).
[ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || apt_packages+=(prometheus)
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
[ -x /usr/bin/docker-compose ] || apt_packages+=(docker-compose)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "Installing ${apt_packages[*]} with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${apt_packages[@]}"
fi

# Debian's prometheus package enables and starts a daemon listening on all addresses (:9090). The tests start their
# own on 127.0.0.1, so on a systemd host the packaged one is stopped and disabled; nothing to do elsewhere.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1 \
  && systemctl list-unit-files prometheus.service >/dev/null 2>&1 \
  && { systemctl is-enabled --quiet prometheus.service 2>/dev/null || systemctl is-active --quiet prometheus.service 2>/dev/null; }; then
  echo "Stopping and disabling the packaged prometheus service"
  $sudo systemctl disable --now --quiet prometheus.service >/dev/null 2>&1 || echo "warning: could not disable prometheus.service" >&2
fi

# Official vendor SDKs (jsforce, @hubspot/api-client) and the Node 22 they need, for the compatibility tests.
if [ -f tests/sdk-compat/package-lock.json ]; then
  npm ci --prefix tests/sdk-compat --no-audit --no-fund --loglevel=error
fi
# @grafana/schema and TypeScript, for the test that type-checks the provisioned Grafana dashboard.
if [ -f tests/grafana-schema/package-lock.json ]; then
  npm ci --prefix tests/grafana-schema --no-audit --no-fund --loglevel=error
fi

rm -rf TestResults
dotnet test GtmGuard.sln --configuration Release --logger "trx" --results-directory TestResults "$@"
