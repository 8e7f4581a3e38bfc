#!/usr/bin/env bash
# t-SNE speed and quality: openTSNE (PyPI) and cinematrix on the same Gaussian-mixture inputs,
# one after the other in this run, both with THREADS threads (default 2: openTSNE's n_jobs and
# its BLAS pool, cinematrix's --threads). For each size it prints wall time and KL divergence
# as each tool reports it, then scores both embeddings on equal terms under cinematrix's P:
# exact KL (Z summed over all pairs) and 10-NN preservation (exact neighbours in both spaces).
# Targets: faster than openTSNE at 10,000 and 50,000 points with KL within 5 %; 87,585 points
# (ours only) under 3 minutes.
#   scripts/bench-tsne.sh            # 10k, 50k, 87,585
#   SIZES="10000" THREADS=1 scripts/bench-tsne.sh
BENCH_PACKAGES=(openTSNE numpy threadpoolctl)
source "$(dirname "$0")/bench-common.sh"
SIZES=${SIZES:-"10000 50000 87585"}
THREADS=${THREADS:-2}
for n in $SIZES; do
  x=$(input "$n" 32)
  echo "== $n × 32 =="
  if [ "$n" -le 50000 ]; then
    "$PY" "$HELPER" tsne --input "$x" --out "$BENCH_DIR/opentsne-$n.npy" --jobs "$THREADS"
    "$CINEMATRIX" bench tsne --input "$x" --reference "$BENCH_DIR/opentsne-$n.npy" --out "$BENCH_DIR/cinematrix-$n.npy" --threads "$THREADS"
  else
    "$CINEMATRIX" bench tsne --input "$x" --out "$BENCH_DIR/cinematrix-$n.npy" --threads "$THREADS"
  fi
done
