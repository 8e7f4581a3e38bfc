#!/usr/bin/env bash
# Spark round trip (issue 17), not part of CI: it downloads about 500 MB (a JDK and pyspark).
#   scripts/spark-roundtrip.sh            # output in outputs/spark-roundtrip/
# 1. installs openjdk-17-jre-headless (Debian) when there is no java, and pyspark, NumPy, pandas
#    and pyarrow into .venv-spark/ (git-ignored);
# 2. trains Spark MLlib ALS (rank 32, seed 7, 10 iterations) on ml-latest-small/ratings.csv, found
#    in ../shared/data beside the repository or in $CINEMATRIX_SHARED/data;
# 3. exports the item factors every way import-factors reads them (scripts/spark_factors.py);
# 4. prepares the dataset, imports each form, and checks that `similar --json` gives the same
#    top 10 for a few movies from every form, and the top 10 computed in NumPy from Spark's
#    vectors (cosine). Exit status 1 on any mismatch.
# CINEMATRIX=path/to/cinematrix uses that binary instead of building the debug one.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${CINEMATRIX_SHARED:-$ROOT/../shared}
DATA=$SHARED/data/ml-latest-small
OUT=${SPARK_ROUNDTRIP_OUT:-$ROOT/outputs/spark-roundtrip}
MOVIES=(1 2571 296 4973 364)  # Toy Story, The Matrix, Pulp Fiction, Amélie, The Lion King
FORMS=(pandas.csv lists.csv wide.csv json npy)

[ -f "$DATA/ratings.csv" ] || { echo "spark-roundtrip: no $DATA/ratings.csv; set CINEMATRIX_SHARED to the folder holding data/ml-latest-small" >&2; exit 1; }
if ! command -v java >/dev/null; then
  echo "spark-roundtrip: installing openjdk-17-jre-headless" >&2
  apt-get update -q >&2 && apt-get install -y -q openjdk-17-jre-headless >&2
fi
if ! .venv-spark/bin/python -c "import pyspark, numpy, pandas, pyarrow" 2>/dev/null; then
  echo "spark-roundtrip: creating .venv-spark (pyspark, numpy, pandas<3, pyarrow from PyPI)" >&2
  python3 -m venv .venv-spark
  .venv-spark/bin/pip install -q pyspark numpy "pandas<3" pyarrow >&2
fi
PY=$ROOT/.venv-spark/bin/python
if [ -z "${CINEMATRIX:-}" ]; then
  swift build --product cinematrix >&2
  CINEMATRIX=$ROOT/.build/debug/cinematrix
fi

rm -rf "$OUT" && mkdir -p "$OUT/similar"
echo "== $(java -version 2>&1 | head -1); pyspark $("$PY" -c 'import pyspark; print(pyspark.__version__)')"
echo "== Spark ALS rank 32 on $DATA/ratings.csv, item factors exported"
start=$SECONDS
"$PY" scripts/spark_factors.py export "$DATA/ratings.csv" "$OUT/export" 2> "$OUT/spark.log"
echo "   $((SECONDS - start)) s; $(ls "$OUT/export" | tr '\n' ' ')"
"$CINEMATRIX" prepare "$DATA" --out "$OUT/data.cmx" --quiet

for form in "${FORMS[@]}"; do
  if [ "$form" = npy ]; then
    args=(--movies "$OUT/export/items.npy" --movie-ids "$OUT/export/item_ids.txt")
  else
    args=(--movies "$OUT/export/$form")
  fi
  echo "== import-factors ${args[*]#$OUT/}"
  "$CINEMATRIX" import-factors "${args[@]}" --dataset "$OUT/data.cmx" --out "$OUT/$form.cmxm" 2>&1 | sed 's/^/   /'
  for id in "${MOVIES[@]}"; do
    "$CINEMATRIX" similar "$OUT/$form.cmxm" "#$id" --min-ratings 0 --json > "$OUT/similar/$form-$id.json"
  done
done
echo "== similar --min-ratings 0, top 10, against NumPy cosine neighbours of Spark's vectors"
"$PY" scripts/spark_factors.py compare "$OUT" "${FORMS[@]}" -- "${MOVIES[@]}"
