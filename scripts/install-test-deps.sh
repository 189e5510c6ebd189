#!/usr/bin/env bash
# Makes sure the Debian packages the test suite needs are installed: Chromium (browser tests), python3-feedparser
# (a reference feed parser) and PostgreSQL server binaries (store tests on PostgreSQL), plus g++/make for building
# better-sqlite3 when no prebuilt binary can be downloaded. Installs what is missing when run as root (or with
# sudo); otherwise prints the command to run. Fast when everything is present. Used by `npm test` and .ci/run.
set -euo pipefail

packages=(chromium python3-feedparser postgresql g++ make)

missing=()
for p in "${packages[@]}"; do
  # dpkg -s alone also succeeds for removed packages that left config files behind.
  if ! dpkg -s "$p" 2>/dev/null | grep -qx 'Status: install ok installed'; then
    missing+=("$p")
  fi
done
((${#missing[@]} == 0)) && exit 0

if ! command -v apt-get >/dev/null; then
  echo "The tests need these system packages: ${missing[*]} (Chromium must be at /usr/bin/chromium). Install them with your package manager." >&2
  exit 1
fi
sudo=()
if ((EUID != 0)); then
  if sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    echo "The tests need: ${missing[*]}. Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi
echo "installing test dependencies: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v chromium >/dev/null || { echo "chromium is not on PATH after installing it" >&2; exit 1; }
