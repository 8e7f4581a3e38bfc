"""Spark ALS factors in every form `cinematrix import-factors` reads (used by spark-roundtrip.sh).

  spark_factors.py fixtures OUT            small checked-in test fixtures (synthetic ratings, rank 10)
  spark_factors.py export RATINGS OUT      ALS (rank 32, seed 7) on a MovieLens ratings.csv, item
                                           factors exported every supported way, into OUT
  spark_factors.py compare OUT FORMS -- IDS  checks OUT/similar/<form>-<id>.json (cinematrix similar --json)
                                           against cosine neighbours computed in NumPy from
                                           OUT/export/items.npy; exit status 1 on a mismatch

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


def numpy_neighbours(out, mid, k=10):
    """Top-k cosine neighbours of movie `mid` among all of Spark's item vectors, best first."""
    v = np.load(os.path.join(out, "items.npy")).astype(np.float64)
    ids = np.loadtxt(os.path.join(out, "item_ids.txt"), dtype=np.int64)
    unit = v / np.linalg.norm(v, axis=1, keepdims=True)
    row = int(np.nonzero(ids == mid)[0][0])
    cos = unit @ unit[row]
    cos[row] = -np.inf
    best = np.argsort(-cos, kind="stable")[:k]
    return [(int(ids[j]), float(cos[j])) for j in best]


def same_ranking(a, b, tie=1e-5):
    """Whether two best-first (id, similarity) lists agree, allowing swaps within `tie`."""
    if [i for i, _ in a] == [i for i, _ in b]:
        return True
    return all(x[0] == y[0] or abs(x[1] - y[1]) < tie for x, y in zip(a, b)) and len(a) == len(b)


def compare(out, forms, movie_ids):
    failures = 0
    for mid in movie_ids:
        reference = numpy_neighbours(os.path.join(out, "export"), mid)
        lists = {}
        for form in forms:
            with open(os.path.join(out, "similar", f"{form}-{mid}.json")) as f:
                doc = json.load(f)
            got = [(h["movieId"], h["similarity"]) for h in doc["similar"]]
            lists[form] = [i for i, _ in got]
            ok = same_ranking(got, reference)
            failures += not ok
            print(f"#{mid:<6} {doc['query']['title'][:34]:<34} {form:<11} {'same top 10 as NumPy' if ok else 'DIFFERS from NumPy'}")
            if not ok:
                print("    cinematrix:", [i for i, _ in got])
                print("    numpy:     ", [i for i, _ in reference])
        identical = all(ids == lists[forms[0]] for ids in lists.values())
        failures += not identical
        print(f"        {'every form: the same top 10, in the same order' if identical else 'FORMS DIFFER: ' + str(lists)}")
        print(f"        NumPy top 10: " + ", ".join(f"{i} ({s:.3f})" for i, s in reference))
    print("all forms agree with each other and with NumPy" if failures == 0 else f"{failures} mismatches")
    return failures == 0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "fixtures":
        fixtures(sys.argv[2])
    elif mode == "export":
        export_movielens(sys.argv[2], sys.argv[3])
    elif mode == "compare":
        cut = sys.argv.index("--")
        sys.exit(0 if compare(sys.argv[2], sys.argv[3:cut], [int(a) for a in sys.argv[cut + 1:]]) else 1)
    else:
        sys.exit(__doc__)
