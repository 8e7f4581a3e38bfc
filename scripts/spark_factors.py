"""Spark ALS factors in every form `cinematrix import-factors` reads (used by spark-roundtrip.sh).

  spark_factors.py fixtures OUT            small checked-in test fixtures (synthetic ratings, rank 10)
  spark_factors.py export RATINGS OUT      ALS (rank 32, seed 7) on a MovieLens ratings.csv, item
                                           factors exported every supported way, into OUT
  spark_factors.py neighbours OUT IDS...   top-10 cosine neighbours per movie id in NumPy, from OUT/items.npy

Forms written (item factors): pandas.csv (toPandas().to_csv, NumPy repr wrapped in quotes),
lists.csv (id,"[f1, f2, ...]" written by Spark's CSV writer), wide.csv (id,f1,...,fK),
json/ (itemFactors.write.json: part files, _SUCCESS, .crc), items.npy + item_ids.txt.
"""
import json
import os
import shutil
import sys

import numpy as np


def spark_session():
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master("local[2]").appName("cinematrix-spark-factors")
            .config("spark.driver.memory", "2g").config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4").getOrCreate())


def fit_als(ratings, rank, seed, max_iter):
    from pyspark.ml.recommendation import ALS
    als = ALS(rank=rank, maxIter=max_iter, regParam=0.1, seed=seed, userCol="userId", itemCol="movieId",
              ratingCol="rating", coldStartStrategy="drop")
    return als.fit(ratings)


def export(model, out, parts):
    """Writes model.itemFactors to `out` in every form the importer reads."""
    from pyspark.sql import functions as F
    os.makedirs(out, exist_ok=True)
    items = model.itemFactors.orderBy("id").cache()
    # 1. The common pandas export: NumPy arrays, their repr wrapped inside quoted fields.
    pdf = items.toPandas()
    pdf.to_csv(os.path.join(out, "pandas.csv"), index=False)
    # 2. Bracketed comma lists, written by Spark's own CSV writer (one part, copied out).
    listed = items.select("id", F.concat(F.lit("["), F.concat_ws(", ", F.col("features").cast("array<string>")),
                                         F.lit("]")).alias("features"))
    tmp = os.path.join(out, "_lists")
    listed.coalesce(1).write.mode("overwrite").csv(tmp, header=True)
    part = [f for f in sorted(os.listdir(tmp)) if f.startswith("part-") and not f.endswith(".crc")][0]
    shutil.copy(os.path.join(tmp, part), os.path.join(out, "lists.csv"))
    shutil.rmtree(tmp)
    # 3. One column per feature.
    matrix = np.stack(pdf["features"].to_numpy()).astype(np.float32)
    ids = pdf["id"].to_numpy()
    wide = ["id," + ",".join(f"f{i + 1}" for i in range(matrix.shape[1]))]
    wide += [f"{i}," + ",".join(repr(float(v)) for v in row) for i, row in zip(ids, matrix)]
    with open(os.path.join(out, "wide.csv"), "w") as f:
        f.write("\n".join(wide) + "\n")
    # 4. Spark's JSON lines: a folder of part files with _SUCCESS and .crc checksums.
    items.repartition(parts).write.mode("overwrite").json(os.path.join(out, "json"))
    # 5. .npy and its ids.
    np.save(os.path.join(out, "items.npy"), matrix)
    np.savetxt(os.path.join(out, "item_ids.txt"), ids, fmt="%d")


def fixtures(out):
    """Rank-10 factors of 6 items from a seeded synthetic rating set (no MovieLens data)."""
    spark = spark_session()
    rng = np.random.default_rng(3)
    rows = [(int(u), int(i), float(rng.integers(1, 6))) for u in range(1, 25) for i in (10, 20, 30, 40, 50, 60)
            if rng.random() < 0.7]
    ratings = spark.createDataFrame(rows, ["userId", "movieId", "rating"])
    export(fit_als(ratings, rank=10, seed=7, max_iter=5), out, parts=2)
    spark.stop()


def export_movielens(ratings_csv, out):
    spark = spark_session()
    ratings = spark.read.csv(ratings_csv, header=True, inferSchema=True)
    model = fit_als(ratings, rank=32, seed=7, max_iter=10)
    export(model, out, parts=4)
    spark.stop()


def neighbours(out, movie_ids):
    """Top-10 cosine neighbours of each id among all of Spark's item vectors, best first."""
    v = np.load(os.path.join(out, "items.npy")).astype(np.float64)
    ids = np.loadtxt(os.path.join(out, "item_ids.txt"), dtype=np.int64)
    unit = v / np.linalg.norm(v, axis=1, keepdims=True)
    result = {}
    for mid in movie_ids:
        row = int(np.nonzero(ids == mid)[0][0])
        cos = unit @ unit[row]
        cos[row] = -np.inf
        best = np.argsort(-cos, kind="stable")[:10]
        result[str(mid)] = [{"movieId": int(ids[j]), "similarity": float(cos[j])} for j in best]
    print(json.dumps(result))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "fixtures":
        fixtures(sys.argv[2])
    elif mode == "export":
        export_movielens(sys.argv[2], sys.argv[3])
    elif mode == "neighbours":
        neighbours(sys.argv[2], [int(a) for a in sys.argv[3:]])
    else:
        sys.exit(__doc__)
