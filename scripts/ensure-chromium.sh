#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser test (test/e2e/ops-dashboard.e2e-spec.ts)
# when /usr/bin/chromium is missing. Runs apt-get update only when the package is not known yet.
# Exits non-zero, saying why, when it cannot install it: the browser test then fails loudly.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium so that $CHROMIUM exists" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ensure-chromium: $CHROMIUM is missing and installing it needs root (apt-get install -y chromium)" >&2
    exit 1
  fi
fi

echo "ensure-chromium: installing chromium (for the dashboard browser test)"
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show chromium >/dev/null 2>&1; then
  $SUDO apt-get update -qq
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; then
  # A stale package index is the usual cause: refresh it once and try again.
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM does not exist" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium installed)"
