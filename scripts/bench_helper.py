"""Peer side of the Cinematrix benchmarks: makes the shared inputs and times openTSNE and numpy.

Usage (from scripts/bench-tsne.sh and scripts/bench-neighbours.sh):
  bench_helper.py gen --n N --dim D --seed S --out X.npy
  bench_helper.py tsne --input X.npy --out Y.npy [--jobs 2]   (openTSNE n_jobs and BLAS threads)
  bench_helper.py neighbours --input X.npy --top 10 --out IDX.npy
"""
import argparse
import time

import numpy as np


def gen(args):
    """Gaussian mixture: 20 components, centres ~ N(0, 2^2 I), unit isotropic spread."""
    rng = np.random.default_rng(args.seed)
    centres = rng.normal(0.0, 2.0, size=(args.clusters, args.dim))
    labels = rng.integers(0, args.clusters, size=args.n)
    x = centres[labels] + rng.normal(size=(args.n, args.dim))
    np.save(args.out, x.astype(np.float32))


def tsne(args):
    from openTSNE import TSNE
    import openTSNE

    from threadpoolctl import threadpool_limits

    x = np.load(args.input).astype(np.float64)
    start = time.perf_counter()
    # n_jobs threads for openTSNE's own loops, and as many for the BLAS under numpy.
    with threadpool_limits(limits=args.jobs):
        emb = TSNE(n_jobs=args.jobs, random_state=args.seed, perplexity=args.perplexity).fit(x)
    seconds = time.perf_counter() - start
    np.save(args.out, np.asarray(emb, dtype=np.float32))
    print(f"openTSNE {openTSNE.__version__}  n={x.shape[0]}  time {seconds:7.2f} s  KL(own) {emb.kl_divergence:.4f}  (n_jobs={args.jobs})")


def neighbours(args):
    """All-rows top-k by cosine: blocked matrix product + argpartition, self excluded."""
    x = np.load(args.input).astype(np.float32)
    start = time.perf_counter()
    xn = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-30)
    n, k = x.shape[0], args.top
    out = np.empty((n, k), dtype=np.int64)
    block = 1024
    for s in range(0, n, block):
        e = min(n, s + block)
        scores = xn[s:e] @ xn.T
        scores[np.arange(e - s), np.arange(s, e)] = -np.inf
        part = np.argpartition(-scores, k, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1, kind="stable")
        out[s:e] = np.take_along_axis(part, order, axis=1)
    seconds = time.perf_counter() - start
    np.save(args.out, out.astype(np.float32))
    try:
        from threadpoolctl import threadpool_info
        blas = ", ".join(f"{i.get('internal_api')} {i.get('architecture')} x{i.get('num_threads')}" for i in threadpool_info())
    except Exception:  # noqa: BLE001 - informational only
        blas = "unknown BLAS"
    print(f"numpy {np.__version__}  n={n}  table {seconds:.2f} s  (blocked matmul + argpartition, {blas})")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("gen")
    g.add_argument("--n", type=int, required=True)
    g.add_argument("--dim", type=int, default=32)
    g.add_argument("--clusters", type=int, default=20)
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--out", required=True)
    t = sub.add_parser("tsne")
    t.add_argument("--input", required=True)
    t.add_argument("--out", required=True)
    t.add_argument("--jobs", type=int, default=2)
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--perplexity", type=float, default=30)
    nb = sub.add_parser("neighbours")
    nb.add_argument("--input", required=True)
    nb.add_argument("--top", type=int, default=10)
    nb.add_argument("--out", required=True)
    args = parser.parse_args()
    {"gen": gen, "tsne": tsne, "neighbours": neighbours}[args.command](args)


if __name__ == "__main__":
    main()
