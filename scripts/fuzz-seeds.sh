#!/usr/bin/env bash
# Seed corpora for scripts/fuzz.sh, written to OUTDIR/<target>/: small synthetic data from
# `cinematrix synth` (its ratings and movie list in the three layouts, the prepared dataset, a
# one-epoch MAP model, a small Gibbs model, the run's metrics.csv) plus the made-up files in
# Fuzz/seeds/.
# A seed's first byte is the target's flag byte (see Fuzz/Sources/cinematrix-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/fuzz-seeds.sh OUTDIR}
CMX=.build/debug/cinematrix
[ -x "$CMX" ] || nice -n 19 swift build --product cinematrix >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out" && mkdir -p "$out"
cp -R Fuzz/seeds/. "$out/"
mkdir -p "$out"/{ratings,movies,container,dataset,model,title-index,plot-csv}

nice -n 19 "$CMX" synth --out "$work/synth" --users 25 --movies 60 --ratings 600 --seed 7 --quiet >/dev/null
nice -n 19 "$CMX" prepare "$work/synth" --out "$work/data.cmx" >/dev/null
nice -n 19 "$CMX" train "$work/data.cmx" --inference map --epochs 1 --out "$work/run" >/dev/null 2>&1
nice -n 19 "$CMX" train "$work/data.cmx" -k 3 --burn-in 1 --samples 2 --out "$work/gibbs" >/dev/null 2>&1

ratings=$(head -n 60 "$work/synth/ratings.csv")
movies=$(head -n 30 "$work/synth/movies.csv")
{ printf '\x08'; printf '%s\n' "$ratings"; } > "$out/ratings/synth.csv"
{ printf '\x0d'; printf '%s\n' "$ratings" | tail -n +2 | tr ',' '\t'; } > "$out/ratings/synth.tab"
{ printf '\x0e'; printf '%s\n' "$ratings" | tail -n +2 | sed 's/,/::/g'; } > "$out/ratings/synth.dat"
{ printf '\x00'; printf '%s\n' "$movies"; } > "$out/movies/synth.csv"
# movies.dat: id::title::genres (titles of the synthetic list are plain enough to convert naively).
{ printf '\x01'; printf '%s\n' "$movies" | tail -n +2 | sed -E 's/^([0-9]+),"?(.*[^"])"?,([^,]*)$/\1::\2::\3/'; } > "$out/movies/synth.dat"
printf '\x00' | cat - "$work/data.cmx" > "$out/dataset/synth.cmx"
# The model target's first byte also picks the users read: 0 all, 2 none, 4 one, 6 all without ratings.
printf '\x00' | cat - "$work/run/model.cmxm" > "$out/model/synth.cmxm"
for flag in 00 02 04 06; do printf "\\x$flag" | cat - "$work/gibbs/model.cmxm" > "$out/model/gibbs-$flag.cmxm"; done
cp "$out/dataset/synth.cmx" "$out/model/synth.cmxm" "$out/model/gibbs-00.cmxm" "$out/container/"
# title-index: an odd first byte builds an index of the lines but the last, which is the query.
{ printf '\x03'; printf '%s\n' "$movies" | sed -n 2,20p | cut -d, -f2; printf '%s\n' "$(printf '%s\n' "$movies" | sed -n 5p | cut -d, -f2 | cut -c1-6)"; } > "$out/title-index/synth"
cp "$work/run/metrics.csv" "$out/plot-csv/metrics.csv"
echo "fuzz-seeds.sh: seeds in $out" >&2
