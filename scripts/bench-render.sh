#!/usr/bin/env bash
# Times a 100,000-point categorical scatter plot drawn and written as a 1440×900 PNG by
# `cinematrix plot` (release build) and by matplotlib (from PyPI, in .venv-bench/), side by side
# on the same CSV. Target: cinematrix under one second for the whole command.
# Usage: scripts/bench-render.sh [POINTS]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
points="${1:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --static-swift-stdlib --product cinematrix >/dev/null
bin="$(swift build -c release --show-bin-path)/cinematrix"

BENCH_PACKAGES=(matplotlib numpy)
source scripts/bench-venv.sh
py=$PY

# The same data for both: 20 Gaussian clusters on a ring, seeded.
"$py" - "$points" "$work/points.csv" <<'PY'
import sys, numpy as np
n, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(7)
g = np.arange(n) % 20
angle = g / 20 * 2 * np.pi
x = 6 * np.cos(angle) + rng.normal(0, 1.3, n)
y = 4 * np.sin(angle) + rng.normal(0, 1.3, n)
with open(path, "w") as f:
    f.write("x,y,group\n")
    for a, b, c in zip(x, y, g):
        f.write(f"{a:.6f},{b:.6f},g{c}\n")
PY

now() { date +%s.%N; }

# Warm the page cache and the font cache once, then time three runs each and keep the best.
"$bin" plot --csv "$work/points.csv" --x x --y y --scatter --colour-by group --out "$work/cmx.png" >/dev/null
best_cmx=999
for _ in 1 2 3; do
  t0=$(now)
  "$bin" plot --csv "$work/points.csv" --x x --y y --scatter --colour-by group --title "$points points" \
    --width 720 --height 450 --scale 2 --out "$work/cmx.png" >/dev/null
  t1=$(now)
  best_cmx=$(awk -v a="$t0" -v b="$t1" -v m="$best_cmx" 'BEGIN { d = b - a; print (d < m ? d : m) }')
done

cat > "$work/mpl.py" <<'PY'
import sys, time
t_start = time.perf_counter()
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
t_import = time.perf_counter()
path, out = sys.argv[1], sys.argv[2]
data = np.genfromtxt(path, delimiter=",", names=True, dtype=None, encoding="utf-8")
groups = sorted(set(data["group"]), key=lambda s: int(s[1:]))
fig, ax = plt.subplots(figsize=(7.2, 4.5), dpi=200)   # 1440 x 900 pixels
cmap = plt.get_cmap("tab20")
for i, g in enumerate(groups):
    m = data["group"] == g
    ax.scatter(data["x"][m], data["y"][m], s=2, alpha=0.2, color=cmap(i), linewidths=0, label=g)
ax.set_title(f"{len(data)} points"); ax.set_xlabel("x"); ax.set_ylabel("y"); ax.grid(alpha=0.3)
ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), fontsize=7, markerscale=4)
fig.tight_layout()
fig.savefig(out)
t_end = time.perf_counter()
print(f"{t_end - t_import:.3f} {t_end - t_start:.3f}")
PY
"$py" "$work/mpl.py" "$work/points.csv" "$work/mpl.png" >/dev/null
best_mpl=999; best_mpl_total=999
for _ in 1 2 3; do
  t0=$(now)
  inner=$("$py" "$work/mpl.py" "$work/points.csv" "$work/mpl.png")
  t1=$(now)
  total=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  best_mpl=$(echo "$inner" | awk -v b="$best_mpl" '{ print ($1 < b ? $1 : b) }')
  best_mpl_total=$(echo "$total" | awk -v b="$best_mpl_total" '{ print ($1 < b ? $1 : b) }')
done

size() { python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print('%dx%d' % struct.unpack('>II', d[16:24]))" "$1"; }
echo "scatter of $points points, CSV in, PNG out (best of 3):"
printf "  cinematrix plot (whole process, %s):               %.3f s\n" "$(size "$work/cmx.png")" "$best_cmx"
printf "  matplotlib (load+draw+save, after imports, %s):    %.3f s\n" "$(size "$work/mpl.png")" "$best_mpl"
printf "  matplotlib (whole python process):                   %.3f s\n" "$best_mpl_total"
