#!/usr/bin/env bash
# Trains bias-uv-genre (K = 32, 10 epochs, 2 threads) on the full-size synthetic ml-32m with
# `cinematrix train` (release build) and, in the same run, LensKit's biased ALS (from PyPI, in
# .venv-bench/, same rank, same epochs, 2 threads) on the same ratings; prints seconds per
# epoch, peak memory and the ratio. Targets: ≤ 1.0 s per epoch and ≤ 2 GiB peak for cinematrix.
#
# Then accuracy at scale, on a seeded random 80/20 split of the same ratings (scripts/bench_split.py,
# both sides read the same train.csv and test.csv), K = 32, 2 threads: the test RMSE of
# cinematrix's MAP default (ALS, 15 epochs), of its Gibbs default (burn-in and samples as
# `train` defaults them) and of LensKit's biased ALS (its defaults), plus the Gibbs sweep time
# against the MAP epoch time and the Gibbs run's wall time and peak memory. Targets: Gibbs below
# both RMSEs; a sweep ≤ 1.3 MAP epochs; the whole Gibbs run ≤ 4 minutes and ≤ 2 GiB.
# Set ACCURACY=0 to skip that part, SPEED=0 to skip the first.
#
# Usage: scripts/bench-als.sh [SIZE]    SIZE: ml-32m (default) or small
# Environment: K (32), EPOCHS (10), THREADS (2), BENCH_DIR (outputs/bench-als; the generated
# CSV and dataset file are kept there between runs, ~1.2 GB at ml-32m size).
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-ml-32m}"
k="${K:-32}"; epochs="${EPOCHS:-10}"; threads="${THREADS:-2}"
dir="${BENCH_DIR:-outputs/bench-als}/$size"
mkdir -p "$dir"

swift build -c release --static-swift-stdlib --product cinematrix >/dev/null
bin="$(swift build -c release --show-bin-path)/cinematrix"

BENCH_PACKAGES=(lenskit pandas numpy)
source scripts/bench-venv.sh

# The same ratings for both: all of them are training ratings (no test split).
if [ ! -f "$dir/csv/ratings.csv" ]; then
  "$bin" synth --size "$size" --out "$dir/csv" --quiet
fi
if [ ! -f "$dir/data.cmx" ]; then
  "$bin" prepare "$dir/csv" --out "$dir/data.cmx" --test-fraction 0 --quiet
fi

peak_mib() { awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$1"; }

if [ "${SPEED:-1}" != 0 ]; then
echo "== cinematrix train: bias-uv-genre, K = $k, $epochs epochs, $threads threads"
/usr/bin/time -v "$bin" train "$dir/data.cmx" --model bias-uv-genre --inference map -k "$k" --epochs "$epochs" \
  --threads "$threads" --out "$dir/experiment" 2> "$dir/cmx.time" | tee "$dir/cmx.log"
# Seconds per epoch: the updates (metrics.csv `seconds`), and the whole epoch including the
# per-epoch evaluation of L and both RMSEs (wall time of the training loop / epochs).
cmx_update=$(awk -F, 'NR > 1 { s += $5; n++ } END { printf "%.3f", s / n }' "$dir/experiment/metrics.csv")
cmx_wall=$(awk '/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$dir/cmx.time")
cmx_peak=$(peak_mib "$dir/cmx.time")

echo "== LensKit BiasedMF (ALS): K = $k, $epochs epochs, $threads threads"
LK_NUM_THREADS="$threads" LK_NUM_BACKEND_THREADS="$threads" OMP_NUM_THREADS="$threads" \
  /usr/bin/time -v .venv-bench/bin/python scripts/bench_als_lenskit.py "$dir/csv/ratings.csv" \
  --rank "$k" --epochs "$epochs" 2> "$dir/lk.time" | tee "$dir/lk.log"
lk_epoch=$(sed -n 's/.*seconds\/epoch \([0-9.]*\).*/\1/p' "$dir/lk.log")
lk_peak=$(peak_mib "$dir/lk.time")

echo
printf "%-34s %14s %12s\n" "" "s/epoch" "peak MiB"
printf "%-34s %14s %12s\n" "cinematrix bias-uv-genre (updates)" "$cmx_update" "$cmx_peak"
printf "%-34s %14s %12s\n" "cinematrix whole run / epochs" "$(awk -v w="$cmx_wall" -v e="$epochs" 'BEGIN { printf "%.3f", w / e }')" ""
printf "%-34s %14s %12s\n" "LensKit BiasedMF" "$lk_epoch" "$lk_peak"
awk -v a="$cmx_update" -v b="$lk_epoch" 'BEGIN { printf "ratio LensKit / cinematrix (per epoch): %.2f\n", b / a }'
echo "(load average now: $(cut -d' ' -f1-3 /proc/loadavg); other work on the 2 cores slows both sides)"
fi

if [ "${ACCURACY:-1}" != 0 ]; then
  if [ ! -f "$dir/split/test.csv" ]; then
    .venv-bench/bin/python scripts/bench_split.py "$dir/csv/ratings.csv" "$dir/split"
  fi
  if [ ! -f "$dir/split.cmx" ]; then
    "$bin" prepare "$dir/csv" --train "$dir/split/train.csv" --test "$dir/split/test.csv" --out "$dir/split.cmx" --quiet
  fi
  echo "== cinematrix train, MAP default (ALS), K = $k, $threads threads, 80/20 split"
  "$bin" train "$dir/split.cmx" --inference map -k "$k" --threads "$threads" --out "$dir/map" > "$dir/map.log"
  echo "== cinematrix train, Gibbs default, K = $k, $threads threads"
  /usr/bin/time -v "$bin" train "$dir/split.cmx" --inference gibbs -k "$k" --threads "$threads" --out "$dir/gibbs" \
    2> "$dir/gibbs.time" > "$dir/gibbs.log"
  echo "== LensKit BiasedMF (ALS) defaults, K = $k, $threads threads, same split"
  LK_NUM_THREADS="$threads" LK_NUM_BACKEND_THREADS="$threads" OMP_NUM_THREADS="$threads" \
    .venv-bench/bin/python scripts/bench_als_lenskit.py "$dir/split/train.csv" --rank "$k" --epochs 10 \
    --test "$dir/split/test.csv" | tee "$dir/lk-split.log"
  map_rmse=$(awk -F, 'END { printf "%.4f", $4 }' "$dir/map/metrics.csv")
  map_epoch=$(awk -F, 'NR > 1 { s += $5; n++ } END { printf "%.3f", s / n }' "$dir/map/metrics.csv")
  gibbs_rmse=$(awk -F, 'END { printf "%.4f", $4 }' "$dir/gibbs/metrics.csv")
  gibbs_sweep=$(awk -F, 'NR > 1 { s += $6; n++ } END { printf "%.3f", s / n }' "$dir/gibbs/metrics.csv")
  gibbs_wall=$(awk '/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$dir/gibbs.time")
  lk_rmse=$(sed -n 's/^test RMSE \([0-9.]*\).*/\1/p' "$dir/lk-split.log")
  echo
  printf "%-40s %10s %12s\n" "test RMSE, 80/20 split, K = $k" "RMSE" "s/epoch"
  printf "%-40s %10s %12s\n" "cinematrix MAP default (ALS)" "$map_rmse" "$map_epoch"
  printf "%-40s %10s %12s\n" "cinematrix Gibbs default (per sweep)" "$gibbs_rmse" "$gibbs_sweep"
  printf "%-40s %10s\n" "LensKit BiasedMF defaults" "$lk_rmse"
  awk -v g="$gibbs_sweep" -v m="$map_epoch" 'BEGIN { printf "Gibbs sweep / MAP epoch: %.2f\n", g / m }'
  echo "Gibbs whole run: ${gibbs_wall} s wall, peak $(peak_mib "$dir/gibbs.time") MiB"
  echo "(load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
fi
