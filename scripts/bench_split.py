"""Splits a MovieLens-style ratings.csv at random into train.csv and test.csv (same columns),
so that scripts/bench-als.sh can give cinematrix (`prepare --train --test`) and LensKit the same
split. Seeded: the same input and seed give the same files.

Usage: bench_split.py RATINGS_CSV OUT_DIR [--fraction 0.2] [--seed 42]
"""
import argparse
import os

import numpy as np
import pandas as pd


def main():
    p = argparse.ArgumentParser()
    p.add_argument("ratings")
    p.add_argument("out")
    p.add_argument("--fraction", type=float, default=0.2)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()
    df = pd.read_csv(args.ratings)
    held = np.random.default_rng(args.seed).random(len(df)) < args.fraction
    os.makedirs(args.out, exist_ok=True)
    df[~held].to_csv(os.path.join(args.out, "train.csv"), index=False)
    df[held].to_csv(os.path.join(args.out, "test.csv"), index=False)
    print(f"split {len(df)} ratings: {int((~held).sum())} train, {int(held.sum())} test (seed {args.seed})")


if __name__ == "__main__":
    main()
