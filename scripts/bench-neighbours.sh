#!/usr/bin/env bash
# All-rows top-10 cosine neighbour table for 87,585 × 32 (target under 10 s) and single queries
# (target under 5 ms): numpy (blocked matrix product + argpartition) and cinematrix on the same
# matrix in this run, plus the fraction of identical neighbours.
#   scripts/bench-neighbours.sh      # N=87585 TOP=10 by default
BENCH_PACKAGES=(numpy threadpoolctl)
source "$(dirname "$0")/bench-common.sh"
N=${N:-87585}
TOP=${TOP:-10}
x=$(input "$N" 32)
echo "== $N × 32, top $TOP by cosine =="
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE slow a current numpy on this machine: unset for numpy only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" "$HELPER" neighbours --input "$x" --top "$TOP" --out "$BENCH_DIR/numpy-neighbours-$N.npy"
"$CINEMATRIX" bench neighbours --input "$x" --top "$TOP" --reference "$BENCH_DIR/numpy-neighbours-$N.npy"
