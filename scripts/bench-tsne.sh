#!/usr/bin/env bash
# t-SNE speed and quality: openTSNE (PyPI, n_jobs=2) and cinematrix on the same Gaussian-mixture
# inputs, one after the other in this run. For each size it prints wall time and KL divergence
# as each tool reports it, then scores both embeddings on equal terms under cinematrix's P:
# exact KL (Z summed over all pairs) and 10-NN preservation (exact neighbours in both spaces).
# Targets: faster than openTSNE at 10,000 and 50,000 points with KL within 5 %; 87,585 points
# (ours only) under 3 minutes.
#   scripts/bench-tsne.sh            # 10k, 50k, 87,585
#   SIZES="10000" scripts/bench-tsne.sh
source "$(dirname "$0")/bench-common.sh"
SIZES=${SIZES:-"10000 50000 87585"}
for n in $SIZES; do
  x=$(input "$n" 32)
  echo "== $n × 32 =="
  if [ "$n" -le 50000 ]; then
    "$PY" "$HELPER" tsne --input "$x" --out "$BENCH_DIR/opentsne-$n.npy" --jobs 2
    "$CINEMATRIX" bench tsne --input "$x" --reference "$BENCH_DIR/opentsne-$n.npy" --out "$BENCH_DIR/cinematrix-$n.npy"
  else
    "$CINEMATRIX" bench tsne --input "$x" --out "$BENCH_DIR/cinematrix-$n.npy"
  fi
done
