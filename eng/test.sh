#!/usr/bin/env bash
# Installs what the tests need (if missing) and runs the whole test suite.
# Usage: eng/test.sh            (from the repository root; needs the .NET 10 SDK)
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
command -v node >/dev/null 2>&1 || apt_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)
# Real parts the observability tests start on 127.0.0.1: Prometheus (+ promtool), Chromium for Playwright,
# and docker-compose v1 to validate the compose file offline (no engine needed).
command -v prometheus >/dev/null 2>&1 || apt_packages+=(prometheus)
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
command -v docker-compose >/dev/null 2>&1 || apt_packages+=(docker-compose)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "Installing ${apt_packages[*]} with apt-get"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${apt_packages[@]}"
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
