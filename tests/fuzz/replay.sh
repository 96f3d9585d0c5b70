#!/usr/bin/env bash
# Replays every saved fuzz input (tests/fuzz/regressions/<target>/ and the seeds) through
# its target built with a plain main() under ASan and UBSan: one TAP line per target.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.."
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c); name=${name#fuzz_}
    bin="$BUILD/fuzz/replay_$name"
    files=()
    for d in "tests/fuzz/regressions/$name" "tests/fuzz/seeds/$name"; do
        [ -d "$d" ] && while IFS= read -r f; do files+=("$f"); done < <(find "$d" -type f | sort)
    done
    [ "$name" = elf ] && files+=("$BUILD"/tests/core/*.elf)
    if [ ! -x "$bin" ]; then echo "not ok - fuzz replay $name: $bin not built"; continue; fi
    if out=$("$bin" "${files[@]}" 2>&1); then
        echo "ok - fuzz replay $name (${#files[@]} inputs)"
    else
        echo "not ok - fuzz replay $name"; echo "$out" | tail -20 | sed 's/^/#   /'
    fi
done
