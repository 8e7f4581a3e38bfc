#!/usr/bin/env bash
# Benchmark: `cinematrix prepare` against Polars' bare `read_csv` on the same full-size
# synthetic ratings.csv (ml-32m shape: 200,948 users × 87,585 movies × 32,000,204 ratings).
#
# Usage: scripts/bench-prepare.sh [--keep] [--runs N]
#   Builds the release binary, writes the data under Data/bench-ml-32m (gitignored, ~875 MB;
#   removed at the end unless --keep), installs Polars into .venv-bench/ (gitignored) from PyPI,
#   then alternates the two tools N times (default 3) and prints wall time, peak RSS and the
#   ratio of the best runs. Both tools run in the same session, so the ratio stays meaningful
#   on a busy machine even when the absolute times do not.
# Target (issue #2): prepare at least 2× faster than Polars' read, peak memory under 1.5 GiB.
set -euo pipefail
cd "$(dirname "$0")/.."
keep=0; runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=1 ;;
    --runs) runs="$2"; shift ;;
    *) echo "usage: $0 [--keep] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done

if [ ! -x /usr/bin/time ]; then
  echo "bench: installing GNU time" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
fi
BENCH_PACKAGES=(polars)
source scripts/bench-venv.sh

swift build -c release --static-swift-stdlib --product cinematrix >&2
bin=.build/release/cinematrix
data=Data/bench-ml-32m
mkdir -p Data
if [ ! -s "$data/ratings.csv" ]; then
  echo "bench: generating $data (synth --size ml-32m)" >&2
  /usr/bin/time -f "%e %M" -o Data/synth.time "$bin" synth --size ml-32m --out "$data" --quiet
  read -r t m < Data/synth.time
  echo "synth --size ml-32m: ${t} s wall, $((m / 1024)) MiB peak"
fi
bytes=$(stat -c %s "$data/ratings.csv")
echo "ratings.csv: $((bytes / 1000000)) MB; cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
cat > Data/polars_read.py <<'PY'
import sys, polars as pl
df = pl.read_csv(sys.argv[1])
print(df.height, file=sys.stderr)
PY

best_c=999999; best_p=999999; peak_c=0; peak_p=0
for i in $(seq 1 "$runs"); do
  sync; rm -f Data/bench.cmx
  /usr/bin/time -f "%e %M" -o Data/c.time "$bin" prepare "$data" --out Data/bench.cmx --quiet
  read -r tc mc < Data/c.time
  /usr/bin/time -f "%e %M" -o Data/p.time .venv-bench/bin/python Data/polars_read.py "$data/ratings.csv" 2>/dev/null
  read -r tp mp < Data/p.time
  printf 'run %d: cinematrix prepare %6.2f s %6d MiB | polars.read_csv %6.2f s %6d MiB\n' "$i" "$tc" $((mc / 1024)) "$tp" $((mp / 1024))
  best_c=$(python3 -c "print(min($best_c, $tc))"); best_p=$(python3 -c "print(min($best_p, $tp))")
  peak_c=$(( mc > peak_c ? mc : peak_c )); peak_p=$(( mp > peak_p ? mp : peak_p ))
done
echo "best: cinematrix prepare ${best_c} s (peak $((peak_c / 1024)) MiB), polars.read_csv ${best_p} s (peak $((peak_p / 1024)) MiB)"
python3 -c "print(f'ratio polars/prepare: {$best_p / $best_c:.2f}x (target >= 2x); prepare peak {$peak_c / 1048576:.2f} GiB (target < 1.5 GiB)')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f Data/bench.cmx Data/c.time Data/p.time Data/synth.time Data/polars_read.py
if [ "$keep" -eq 0 ]; then rm -rf "$data"; fi
