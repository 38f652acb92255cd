#!/usr/bin/env bash
# Installs what the tests need when it is missing: Debian's Chromium (browser tests), epubcheck (the
# EPUB edition's validator), poppler-utils (pdftotext, to read the print edition back), the libraries
# and fonts WeasyPrint lays the print edition out with (Pango, DejaVu), and axe-core from npm.
set -euo pipefail
cd "$(dirname "$0")"
missing=()
if [ -n "${READER_CHROMIUM:-}" ] && [ -x "$READER_CHROMIUM" ]; then
  : # a browser was named explicitly (e.g. Google Chrome on a CI runner)
elif ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
command -v epubcheck >/dev/null 2>&1 || missing+=(epubcheck)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
/sbin/ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1\.0\.so\.0' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -q 'DejaVu Serif' || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages the tests need: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  # Wait for another apt run (up to 10 minutes) rather than failing on its lock.
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi
want=$(node -p "require('./package.json').dependencies['axe-core']")
have=$(node -p "try { require('./node_modules/axe-core/package.json').version } catch (e) { '' }")
if [ "$want" != "$have" ]; then
  echo "installing axe-core from the npm registry (package-lock.json)"
  npm ci --ignore-scripts --no-audit --no-fund --silent
fi
