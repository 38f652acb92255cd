#!/usr/bin/env bash
# Installs what the browser tests need when it is missing: Debian's Chromium and axe-core from npm.
set -euo pipefail
cd "$(dirname "$0")"
if [ -n "${READER_CHROMIUM:-}" ] && [ -x "$READER_CHROMIUM" ]; then
  : # a browser was named explicitly (e.g. Google Chrome on a CI runner)
elif ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium (needed by the browser tests)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
want=$(node -p "require('./package.json').dependencies['axe-core']")
have=$(node -p "try { require('./node_modules/axe-core/package.json').version } catch (e) { '' }")
if [ "$want" != "$have" ]; then
  echo "installing axe-core from the npm registry (package-lock.json)"
  npm ci --ignore-scripts --no-audit --no-fund --silent
fi
