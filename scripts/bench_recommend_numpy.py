"""Peer for scripts/bench-recommend.sh: the same new-user fold-in and ranking in NumPy.

Loads the `cinematrix export --format npy` arrays (memory-mapped), then for each made-up user
solves the (K+1)x(K+1) ridge system for bias and vector and ranks every movie above the
popularity floor with argpartition. Prints the per-user median and p90 in milliseconds.
"""
import sys, time
import numpy as np

folder, users, per_user, floor, mean, tau, gamma = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
t0 = time.perf_counter()
Y = np.load(f"{folder}/movie_factors.npy", mmap_mode="r")
c = np.load(f"{folder}/movie_bias.npy", mmap_mode="r")
counts = np.loadtxt(f"{folder}/movie_ratings.txt", dtype=np.int64)
open_ms = (time.perf_counter() - t0) * 1000
k = Y.shape[1]
popular = np.flatnonzero(counts >= floor)
rng = np.random.default_rng(1)
times = []
for _ in range(users):
    t = time.perf_counter()
    rated = rng.choice(popular, size=per_user, replace=False)
    stars = rng.integers(1, 10, size=per_user) / 2 + 0.5
    Z = np.hstack([Y[rated], np.ones((per_user, 1), dtype=np.float32)]).astype(np.float64)
    A = Z.T @ Z + np.diag([tau] * k + [gamma])
    theta = np.linalg.solve(A, Z.T @ (stars - mean - c[rated]))
    scores = np.asarray(Y) @ theta[:k].astype(np.float32) + c + theta[k] + mean
    scores[counts < floor] = -np.inf
    scores[rated] = -np.inf
    top = np.argpartition(-scores, 10)[:10]
    top = top[np.argsort(-scores[top])]
    times.append(time.perf_counter() - t)
times.sort()
print(f"open_model_ms={open_ms:.2f} per_user_median_ms={times[len(times)//2]*1000:.3f} per_user_p90_ms={times[len(times)*9//10]*1000:.3f}")
