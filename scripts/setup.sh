#!/usr/bin/env bash
# Installs the system libraries Cinematrix builds against, on Debian or Ubuntu.
# With --tests (what `make test` runs) it adds Debian's chromium, which the explorer's browser tests
# run headless; without it those tests skip with a message.
# Other systems: install pkg-config, libpng (>= 1.6), cairo and libcurl development headers and the
# DejaVu fonts with your package manager (macOS: `brew install pkg-config libpng cairo fontconfig openssl curl`).
# With --tests (make test, .ci/run) it also installs python3 with numpy, which the export tests
# use to open the .npy files we write (they are skipped, with a message, without it).
# Usage: scripts/setup.sh [--tests]
set -euo pipefail
tests=0
for arg in "$@"; do
  case "$arg" in
    --tests|--test) tests=1 ;;
    *) echo "usage: $0 [--tests]" >&2; exit 2 ;;
  esac
done
packages=(pkg-config libpng-dev libcairo2-dev libfontconfig-dev libssl-dev libcurl4-openssl-dev zlib1g-dev fonts-dejavu-core)
if [ "$tests" -eq 1 ]; then
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
if [ "$tests" -eq 1 ] && ! python3 -c "import numpy" >/dev/null 2>&1; then
  need+=(python3-numpy)
fi
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
