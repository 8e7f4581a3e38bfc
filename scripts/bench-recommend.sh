#!/usr/bin/env bash
# Benchmark (issue #6): serving recommendations from a full-size model.
#
# Usage: scripts/bench-recommend.sh [--epochs N]
#   Builds the release binary; generates the full-size synthetic ml-32m ratings under
#   Data/bench-ml-32m unless present (gitignored, ~875 MB), prepares it, trains bias-uv-genre
#   (K = 32, 2 epochs by default: timing does not depend on convergence), then measures
#   1. a whole process: `cinematrix recommend MODEL` with 10 ratings (by #movieId, then the same
#      movies by title) ranking all 87,585 movies, and for a known user; best and median of 10
#      runs (target: under 50 ms);
#   2. within one process (`cinematrix bench recommend`): opening the model, then fold-in + ranking
#      per additional user, median over 200 users (target: under 5 ms);
#   and, in the same run, the same fold-in and ranking in NumPy on the exported arrays (NumPy from
#   PyPI in .venv-bench/).
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=2
[ "${1:-}" = "--epochs" ] && epochs="$2"
BENCH_PACKAGES=(numpy)
source scripts/bench-venv.sh
swift build -c release --static-swift-stdlib --product cinematrix >&2
bin=.build/release/cinematrix
data=Data/bench-ml-32m
mkdir -p Data
model=Data/bench-rec-model
if [ ! -s "$model/model.cmxm" ]; then
  [ -s "$data/ratings.csv" ] || "$bin" synth --size ml-32m --out "$data" --quiet
  [ -s Data/bench-ml-32m.cmx ] || "$bin" prepare "$data" --out Data/bench-ml-32m.cmx --quiet
  "$bin" train Data/bench-ml-32m.cmx --model bias-uv-genre --inference map -k 32 --epochs "$epochs" --out "$model" >&2
fi
"$bin" export "$model" --format npy --out Data/bench-rec-npy > /dev/null
echo "model file: $(( $(stat -c %s "$model/model.cmxm") / 1000000 )) MB; cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Ten popular movies by raw id, rated 5, 4.5, … for the process test.
ids=$(paste Data/bench-rec-npy/movie_ratings.txt Data/bench-rec-npy/movie_ids.txt | sort -rn | awk 'NR <= 10 { print $2 }')
args=(); s=5; for id in $ids; do args+=(--rate "#$id=$s"); s=$(echo "$s" | awk '{ v = $1 - 0.5; if (v < 1) v = 5; print v }'); done
# Whole process, best and median of 10 runs of "$@" (output discarded).
time_process() {
  local label="$1"; shift
  local times=() start
  for i in $(seq 1 10); do
    start=$(date +%s%N)
    "$bin" recommend "$model" "$@" > /dev/null
    times+=($(( ($(date +%s%N) - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ t[NR] = $1 } END {
    printf "process, %s: best %.1f ms, median %.1f ms\n", label, t[1] / 1000, t[int((NR + 1) / 2)] / 1000 }'
}
time_process "new user, 10 ratings by #movieId (open + fold in + rank all movies)" "${args[@]}" --json
# The same ten movies by title, as a person types them (resolved through the title index).
titles=()
while IFS= read -r line; do titles+=("$line"); done < <("$bin" recommend "$model" "${args[@]}" --include-rated --min-ratings 0 --top 100000 --json |
  python3 -c "
import json, sys
ids = set(int(a.split('#')[1].split('=')[0]) for a in sys.argv[1:] if a.startswith('#'))
for r in json.load(sys.stdin)['result']['recommendations']:
    if r['movieId'] in ids: print('%s (%d)=4' % (r['title'], r['year']) if r['year'] else r['title'] + '=4')
" "${args[@]}")
targs=(); for t in "${titles[@]}"; do targs+=(--rate "$t"); done
time_process "new user, the same 10 movies by title" "${targs[@]}" --json
time_process "known user (one user's row and ratings read)" --user "$(sed -n 100p Data/bench-rec-npy/user_ids.txt)" --json

echo "cinematrix, one process: $("$bin" bench recommend --model "$model" --users 200 --ratings 10)"

# Peer: NumPy on the exported arrays (same maths, memory-mapped .npy).
read -r tau gamma < <(python3 -c "
import json; h = json.load(open('$model/config.json'))['hyperparameters']
print(h['tau'] / h['lambda'], h['gamma'] / h['lambda'])")
mu=$(cat Data/bench-rec-npy/global_mean.txt)
floor=$(( $(wc -l < Data/bench-rec-npy/user_ids.txt) / 1000 )); [ "$floor" -lt 10 ] && floor=10
echo "numpy, one process:      $("$PY" scripts/bench_recommend_numpy.py Data/bench-rec-npy 200 10 "$floor" "$mu" "$tau" "$gamma")"
