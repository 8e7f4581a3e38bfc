# Shared by bench-tsne.sh and bench-neighbours.sh (sourced, not run, after they set
# BENCH_PACKAGES). Builds the release binary with AVX2 + FMA code generation into .build-bench/
# and installs the script's PyPI packages into .venv-bench/ (bench-venv.sh).
# CINEMATRIX_BIN=path skips the build and times that binary instead (for checking the scripts
# with a debug build, say; its times mean nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH_DIR=${BENCH_DIR:-$ROOT/outputs/bench}
mkdir -p "$BENCH_DIR"

# -target-cpu haswell = AVX2 + FMA (x86-64-v3) for the Swift code (t-SNE's gradient). Set
# CINEMATRIX_BENCH_PORTABLE=1 to time the portable baseline build instead (Swift for SSE2). The
# C kernels, the top-k scores among them, choose AVX2+FMA at run time in either build.
if [ "$(uname -m)" = x86_64 ] && [ -z "${CINEMATRIX_BENCH_PORTABLE:-}" ] && grep -qw fma /proc/cpuinfo && grep -qw avx2 /proc/cpuinfo; then
  CPU_FLAGS=(-Xswiftc -target-cpu -Xswiftc haswell)
  SCRATCH=.build-bench
else
  CPU_FLAGS=()
  SCRATCH=.build-bench-portable
fi
if [ -n "${CINEMATRIX_BIN:-}" ]; then
  CINEMATRIX=$(cd "$(dirname "$CINEMATRIX_BIN")" && pwd)/$(basename "$CINEMATRIX_BIN")
  echo "bench: using $CINEMATRIX (not built here)" >&2
else
  echo "bench: building release (${CPU_FLAGS[*]:-portable}) into $SCRATCH" >&2
  swift build -c release --static-swift-stdlib --product cinematrix --scratch-path "$SCRATCH" "${CPU_FLAGS[@]}" >&2
  CINEMATRIX="$ROOT/$SCRATCH/release/cinematrix"
fi

source "$ROOT/scripts/bench-venv.sh"
HELPER="$ROOT/scripts/bench_helper.py"

# input N DIM: path of a seeded Gaussian-mixture matrix, generated once.
input() {
  local f="$BENCH_DIR/mixture-$1x$2.npy"
  [ -f "$f" ] || "$PY" "$HELPER" gen --n "$1" --dim "$2" --seed 1 --out "$f"
  echo "$f"
}
