"""Peer side of scripts/bench-als.sh: LensKit's biased ALS on a MovieLens-style ratings.csv.

Usage: bench_als_lenskit.py RATINGS_CSV --rank 32 --epochs 10
Set LK_NUM_THREADS / LK_NUM_BACKEND_THREADS before starting Python to fix the thread count.
Prints one line: 'lenskit VERSION  setup S s  seconds/epoch E  (per epoch: ...)'.
"""
import argparse
import time

import pandas as pd


def main():
    p = argparse.ArgumentParser()
    p.add_argument("ratings")
    p.add_argument("--rank", type=int, default=32)
    p.add_argument("--epochs", type=int, default=10)
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


if __name__ == "__main__":
    main()
