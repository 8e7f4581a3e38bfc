# Sourced by the bench scripts (not run) after they declare the PyPI packages their peer side
# needs, e.g.  BENCH_PACKAGES=(openTSNE numpy threadpoolctl).
# Makes the venv .venv-bench/ on first use and pip-installs whichever of those packages it
# lacks (an existing venv gains what a newer script needs); sets PY to its python.
if ! declare -p BENCH_PACKAGES >/dev/null 2>&1; then
  echo "bench-venv.sh: set BENCH_PACKAGES=(...) before sourcing it" >&2
  exit 2
fi
BENCH_VENV="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.venv-bench"
if [ ! -x "$BENCH_VENV/bin/python" ]; then
  echo "bench: creating $BENCH_VENV" >&2
  python3 -m venv "$BENCH_VENV"
fi
bench_missing=$("$BENCH_VENV/bin/python" - "${BENCH_PACKAGES[@]}" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version
for name in sys.argv[1:]:
    try:
        version(name)
    except PackageNotFoundError:
        print(name)
PY
)
if [ -n "$bench_missing" ]; then
  echo "bench: installing $(echo $bench_missing) into $BENCH_VENV (PyPI)" >&2
  # shellcheck disable=SC2086  # one word per package
  "$BENCH_VENV/bin/pip" install -q $bench_missing >&2
fi
PY="$BENCH_VENV/bin/python"
