#!/usr/bin/env bash
# Renders the pictures in docs/images from real data: MovieLens ml-latest-small with the fixed
# 80/20 split the accuracy figures use (F. Maxwell Harper and Joseph A. Konstan, 2015, "The
# MovieLens Datasets: History and Context", GroupLens Research). The ratings stay outside the
# repository; only the pictures are ours. Steps: prepare, compare (the six models, about a
# minute), report on bias-uv-genre Gibbs, then copies the pictures, shrunk by
# scripts/png_shrink.py (maps at 1x, curves and the dot plot at 2x, every row re-filtered and
# deflated at zlib level 9).
#
# Usage: scripts/docs-images.sh [DATA_DIR] [SPLIT_DIR]
#   DATA_DIR   ml-latest-small (default ../shared/data/ml-latest-small)
#   SPLIT_DIR  folder with train.csv and test.csv (default ../shared/data/ml-latest-small-split)
# Environment: CINEMATRIX (default .build/release/cinematrix), WORK (default a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/ml-latest-small}"
split="${2:-../shared/data/ml-latest-small-split}"
bin="${CINEMATRIX:-.build/release/cinematrix}"
work="${WORK:-$(mktemp -d)}"
[ -x "$bin" ] || { echo "no $bin; build it (make release) or set CINEMATRIX" >&2; exit 1; }
[ -f "$data/ratings.csv" ] || { echo "no $data/ratings.csv; cinematrix download ml-latest-small, then pass its folder" >&2; exit 1; }

"$bin" prepare "$data" --train "$split/train.csv" --test "$split/test.csv" --out "$work/data.cmx" --quiet > /dev/null
"$bin" compare "$work/data.cmx" --out "$work/compare" --quiet > /dev/null
"$bin" report "$work/compare/bias-uv-genre-gibbs" --out "$work/report" --quiet > /dev/null

shrink() { python3 scripts/png_shrink.py "$1" "docs/images/$2" "$3"; echo "docs/images/$2 $(wc -c < "docs/images/$2") bytes"; }
shrink "$work/report/movies-tsne.png" movies-tsne.png 2
shrink "$work/report/clusters.png" clusters.png 2
shrink "$work/report/genre-similarity.png" genre-similarity.png 2
shrink "$work/compare/comparison.png" comparison.png 1
shrink "$work/compare/bias-uv-genre-map/rmse.png" rmse.png 1
shrink "$work/compare/bias-uv-genre-gibbs/rmse.png" gibbs-rmse.png 1
