#!/usr/bin/env bash
# Installs the system libraries Cinematrix builds against, on Debian or Ubuntu.
# With --test (what `make test` runs) it adds Debian's chromium, which the explorer's browser tests
# run headless; without it those tests skip with a message.
# Other systems: install pkg-config, libpng (>= 1.6), cairo and libcurl development headers and the
# DejaVu fonts with your package manager (macOS: `brew install pkg-config libpng cairo fontconfig openssl curl`).
set -euo pipefail
packages=(pkg-config libpng-dev libcairo2-dev libfontconfig-dev libssl-dev libcurl4-openssl-dev zlib1g-dev fonts-dejavu-core)
if [ "${1:-}" = "--test" ]; then
  if command -v chromium >/dev/null 2>&1 || ! command -v apt-cache >/dev/null 2>&1 || apt-cache show chromium >/dev/null 2>&1; then
    packages+=(chromium)
  else
    echo "setup: no chromium package here (Ubuntu ships it as a snap); the explorer's browser tests will skip" >&2
  fi
fi
need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: missing ${need[*]}; this is not a Debian/Ubuntu system, install the equivalents (see README)." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${need[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
