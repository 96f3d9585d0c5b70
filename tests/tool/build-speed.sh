#!/usr/bin/env bash
# build-speed.sh: `make bench`'s image-build row alone, in a minute instead of ten:
# `elfboot build` of the bench kernel with its 64 MiB module against `cp` of the same two
# files to the same file system, ROUNDS interleaved rounds (the order rotates each
# round), medians of the per-round figures. Given more than one elfboot (A/B builds of
# the tool), each is run every round and gets its own line. Not a test suite: a
# measurement for whoever changes the image writer.
#
#   make build/elfboot build/bench/bin/kernel.elf build/bench/bin/module.bin build/bench/bin/timeit
#   tests/tool/build-speed.sh [ROUNDS (default 11)] [ELFBOOT... (default build/elfboot)]
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD=${BUILD:-build}
ROUNDS=${1:-11}
shift || true
TOOLS=("$@")
[ ${#TOOLS[@]} -gt 0 ] || TOOLS=("$BUILD/elfboot")
BIN=$BUILD/bench/bin
OUT=$BUILD/tests/tool/build-speed
for f in "${TOOLS[@]}" "$BIN/kernel.elf" "$BIN/module.bin" "$BIN/timeit"; do
    [ -e "$f" ] || { echo "build-speed: missing $f (see the make line at the top)" >&2; exit 1; }
done
rm -rf "$OUT"
mkdir -p "$OUT/cp"

# one NAME ROUND COMMAND...: wall ms, CPU ms, peak RSS KiB of COMMAND into runs.txt.
one() {
    local name=$1 round=$2 wall cpu rss status mark
    shift 2
    "$BIN/timeit" -o "$OUT/figures" "$@" </dev/null >"$OUT/$name.log" 2>&1
    read -r wall cpu rss status mark <"$OUT/figures"
    [ "$status" = 0 ] || { echo "build-speed: $name failed:" >&2; cat "$OUT/$name.log" >&2; exit 1; }
    echo "$name $round $wall $cpu $rss" >>"$OUT/runs.txt"
}
# Both write new files: what the previous round wrote is removed first, untimed (the
# cost of deleting 65 to 80 MB is the file system's, and cp would pay it as well).
copy() { rm -f "$OUT/cp/"*; one cp "$1" cp "$BIN/kernel.elf" "$BIN/module.bin" "$OUT/cp/"; }
build() { # ROUND TOOL-INDEX
    rm -f "$OUT/img$2"
    one "elfboot$2" "$1" "${TOOLS[$2]}" build "$BIN/kernel.elf" --module "$BIN/module.bin" -o "$OUT/img$2"
}

for t in "${!TOOLS[@]}"; do build 0 "$t"; done # warm the page cache and each tool
: >"$OUT/runs.txt"
steps=(copy)
for t in "${!TOOLS[@]}"; do steps+=("build $t"); done
for round in $(seq 1 "$ROUNDS"); do
    for i in "${!steps[@]}"; do
        read -r -a step <<<"${steps[$(((i + round) % ${#steps[@]}))]}"
        "${step[0]}" "$round" "${step[@]:1}"
    done
done

for t in "${!TOOLS[@]}"; do
    awk -v tool="elfboot$t" -v path="${TOOLS[$t]}" '
        function median(a, n,   i, j, x) {
            for (i = 2; i <= n; i++)
                for (j = i; j > 1 && a[j - 1] > a[j]; j--) { x = a[j]; a[j] = a[j - 1]; a[j - 1] = x }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        { wall[$1, $2] = $3; cpu[$1, $2] = $4; rss[$1, $2] = $5; if ($2 > rounds) rounds = $2 }
        END {
            for (r = 1; r <= rounds; r++) {
                b[r] = wall[tool, r]; c[r] = wall["cp", r]; q[r] = wall[tool, r] / wall["cp", r]
                u[r] = cpu[tool, r]; m[r] = rss[tool, r]
            }
            printf "%s: build %.0f ms (CPU %.0f ms), cp %.0f ms, ratio %.2f (median of %d rounds), peak RSS %d KiB\n",
                path, median(b, rounds), median(u, rounds), median(c, rounds), median(q, rounds), rounds, median(m, rounds)
        }' "$OUT/runs.txt"
done
