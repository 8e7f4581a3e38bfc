#!/usr/bin/env bash
# Runs one libFuzzer target of Fuzz/ for a bounded time:
#   scripts/fuzz.sh TARGET SECONDS       (TARGET: ratings, movies, container, dataset, model, title-index, plot-csv, or all)
# Builds Fuzz/ with -sanitize=fuzzer,address into .build-fuzz/, makes seed corpora from
# `cinematrix synth` data and the small made-up files in Fuzz/seeds/ (never MovieLens files), and
# keeps the growing corpus in .build-fuzz/corpus/TARGET. Crash inputs go to .build-fuzz/findings/.
# Exits non-zero when the fuzzer finds a crash, a leak of time (timeout) or memory (rss limit).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGETS="ratings movies container dataset model title-index plot-csv"
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS (TARGET: $TARGETS, or all)}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
if [ "$target" = all ]; then
    for t in $TARGETS; do "$0" "$t" "$seconds"; done
    exit 0
fi
case " $TARGETS " in *" $target "*) ;; *) echo "fuzz.sh: unknown target '$target' (one of: $TARGETS)" >&2; exit 2 ;; esac

OUT=${FUZZ_BUILD:-$ROOT/.build-fuzz}   # FUZZ_BUILD: another build folder (.build-*/ is ignored by git)
FUZZER=$OUT/debug/cinematrix-fuzz
# Built when missing or older than any Swift or C source it compiles.
if [ ! -x "$FUZZER" ] || [ -n "$(find Sources Fuzz/Sources Fuzz/Package.swift Package.swift -newer "$FUZZER" -type f -print -quit)" ]; then
    echo "fuzz.sh: building the fuzz targets (-sanitize=fuzzer,address)" >&2
    build() {
        nice -n 19 swift build --package-path Fuzz --scratch-path "$OUT" \
            -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
            -Xcc -fsanitize=fuzzer-no-link,address >&2
    }
    # A build plan cached before sources were added or removed fails once ("missing inputs"):
    # dropped, it is made afresh.
    build || { rm -f "$OUT"/*/debug/description.json; build; }
fi

seeds=$OUT/seeds/$target
# Made when missing, and again when the seed script or the made-up seeds have changed since.
if [ ! -d "$seeds" ] || [ -n "$(find scripts/fuzz-seeds.sh Fuzz/seeds -newer "$OUT/seeds" -print -quit)" ]; then
    bash scripts/fuzz-seeds.sh "$OUT/seeds.tmp" >&2
    rm -rf "$OUT/seeds" && mv "$OUT/seeds.tmp" "$OUT/seeds"
fi
corpus=$OUT/corpus/$target
mkdir -p "$corpus" "$OUT/findings"
export CMX_FUZZ_TARGET=$target
export SWIFT_BACKTRACE=enable=no          # libFuzzer reports the crash; the Swift backtracer would wait
# Allocation and free stacks 4 frames deep, not 30: unwinding at every malloc was a fifth of
# the run time. A crash's own stack is complete; re-run a finding with ASAN_OPTIONS unset for
# the full allocation stacks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1:malloc_context_size=4}
exec nice -n 19 "$FUZZER" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1 -artifact_prefix="$OUT/findings/$target-" "$corpus" "$seeds"
