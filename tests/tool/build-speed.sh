#!/usr/bin/env bash
# build-speed.sh: `make bench`'s image-build row alone, in a minute instead of ten:
# `elfboot build` of the bench kernel with its 64 MiB module against `cp` of the same two
# files to the same file system, ROUNDS interleaved rounds (the order alternates), medians
# of the per-round ratios. Not a test suite: a measurement for whoever changes the writer.
#
#   make build/elfboot build/bench/bin/kernel.elf build/bench/bin/module.bin build/bench/bin/timeit
#   tests/tool/build-speed.sh [ROUNDS (default 11)] [ELFBOOT (default build/elfboot)]
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD=${BUILD:-build}
ROUNDS=${1:-11}
ELFBOOT=${2:-$BUILD/elfboot}
BIN=$BUILD/bench/bin
OUT=$BUILD/tests/tool/build-speed
for f in "$ELFBOOT" "$BIN/kernel.elf" "$BIN/module.bin" "$BIN/timeit"; do
    [ -e "$f" ] || { echo "build-speed: missing $f (see the make line at the top)" >&2; exit 1; }
done
rm -rf "$OUT"
mkdir -p "$OUT/cp"
: >"$OUT/runs.txt"

# one NAME ROUND COMMAND...: wall ms, CPU ms, peak RSS KiB of COMMAND into runs.txt.
one() {
    local name=$1 round=$2 wall cpu rss status mark
    shift 2
    "$BIN/timeit" -o "$OUT/figures" "$@" </dev/null >"$OUT/$name.log" 2>&1
    read -r wall cpu rss status mark <"$OUT/figures"
    [ "$status" = 0 ] || { echo "build-speed: $name failed:" >&2; cat "$OUT/$name.log" >&2; exit 1; }
    echo "$name $round $wall $cpu $rss" >>"$OUT/runs.txt"
}
copy() { rm -f "$OUT/cp/"*; one cp "$1" cp "$BIN/kernel.elf" "$BIN/module.bin" "$OUT/cp/"; }
build() { one elfboot "$1" "$ELFBOOT" build "$BIN/kernel.elf" --module "$BIN/module.bin" -o "$OUT/img"; }

build 0 # warm the page cache and the tool; not counted
: >"$OUT/runs.txt"
for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then copy "$round"; build "$round"
    else build "$round"; copy "$round"; fi
done

awk '
    function median(a, n,   i, j, t) {
        for (i = 2; i <= n; i++)
            for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { wall[$1, $2] = $3; cpu[$1, $2] = $4; rss[$1, $2] = $5; if ($2 > rounds) rounds = $2 }
    END {
        for (r = 1; r <= rounds; r++) {
            b[r] = wall["elfboot", r]; c[r] = wall["cp", r]; q[r] = wall["elfboot", r] / wall["cp", r]
            u[r] = cpu["elfboot", r]; m[r] = rss["elfboot", r]
        }
        printf "elfboot build %.0f ms (CPU %.0f ms), cp %.0f ms, ratio %.2f (median of %d rounds), peak RSS %d KiB\n",
            median(b, rounds), median(u, rounds), median(c, rounds), median(q, rounds), rounds, median(m, rounds)
    }' "$OUT/runs.txt"
