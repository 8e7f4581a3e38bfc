"""Peer side of scripts/bench-als.sh: LensKit's biased ALS on a MovieLens-style ratings.csv.

Usage: bench_als_lenskit.py RATINGS_CSV --rank 32 --epochs 10 [--test TEST_CSV]
Set LK_NUM_THREADS / LK_NUM_BACKEND_THREADS before starting Python to fix the thread count.
Prints one line: 'lenskit VERSION  setup S s  seconds/epoch E  (per epoch: ...)', and with
--test a second: 'test RMSE R' of the trained model on those ratings (predictions
μ + b_u + c_i + p_u·q_i clamped to 0.5…5, as cinematrix clamps; unknown users or movies get
their missing terms as zero).
"""
import argparse
import time

import pandas as pd


def main():
    p = argparse.ArgumentParser()
    p.add_argument("ratings")
    p.add_argument("--rank", type=int, default=32)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--test")
    args = p.parse_args()

    import lenskit
    from lenskit.als import BiasedMFConfig, BiasedMFScorer
    from lenskit.data import from_interactions_df
    from lenskit.training import TrainingOptions

    df = pd.read_csv(args.ratings, usecols=["userId", "movieId", "rating"],
                     dtype={"userId": "int32", "movieId": "int32", "rating": "float32"})
    start = time.perf_counter()
    data = from_interactions_df(df, user_col="userId", item_col="movieId", rating_col="rating")
    scorer = BiasedMFScorer(BiasedMFConfig(embedding_size=args.rank, epochs=args.epochs))
    trainer = scorer.create_trainer(data, TrainingOptions())
    setup = time.perf_counter() - start
    per_epoch = []
    for _ in range(args.epochs):
        t0 = time.perf_counter()
        trainer.train_epoch()
        per_epoch.append(time.perf_counter() - t0)
    mean = sum(per_epoch) / len(per_epoch)
    print(f"lenskit {lenskit.__version__}  ratings {len(df)}  setup {setup:.2f} s  seconds/epoch {mean:.3f}  "
          f"(per epoch: {' '.join(f'{s:.2f}' for s in per_epoch)})")
    if args.test:
        print(f"test RMSE {test_rmse(scorer, args.test):.4f}")


def test_rmse(scorer, path):
    import numpy as np

    test = pd.read_csv(path, usecols=["userId", "movieId", "rating"])
    u = scorer.users.numbers(test["userId"].to_numpy(), missing="negative")
    i = scorer.items.numbers(test["movieId"].to_numpy(), missing="negative")
    bias = scorer.bias
    pred = np.full(len(test), bias.global_bias, dtype=np.float64)
    known_u, known_i = u >= 0, i >= 0
    if bias.item_biases is not None:
        pred[known_i] += bias.item_biases[i[known_i]]
    if bias.user_biases is not None:
        pred[known_u] += bias.user_biases[u[known_u]]
    both = known_u & known_i
    P, Q = np.asarray(scorer.user_embeddings), np.asarray(scorer.item_embeddings)
    pred[both] += np.einsum("ij,ij->i", P[u[both]], Q[i[both]])
    pred = np.clip(pred, 0.5, 5.0)
    return float(np.sqrt(np.mean((test["rating"].to_numpy() - pred) ** 2)))


if __name__ == "__main__":
    main()
