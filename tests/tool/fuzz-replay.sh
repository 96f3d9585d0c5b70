#!/usr/bin/env bash
# Replays the tool's fuzz seeds and saved crashes (tests/tool/fuzz/seeds/<target>/,
# tests/fuzz/regressions/<target>/ where `make fuzz` saves them) through each target
# built with a plain main() under ASan and UBSan: one TAP line per target.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
for src in tests/tool/fuzz/fuzz_tool_*.c; do
    name=$(basename "$src" .c); name=${name#fuzz_}
    bin=$BUILD/tests/tool/replay_$name
    files=()
    for d in "tests/tool/fuzz/seeds/$name" "tests/fuzz/regressions/$name"; do
        [ -d "$d" ] && while IFS= read -r f; do files+=("$f"); done < <(find "$d" -type f | sort)
    done
    [ "$name" = tool_elf ] && files+=("$BUILD"/tests/tool/*.elf "$BUILD"/tests/kernels/*.elf)
    if [ ! -x "$bin" ]; then echo "not ok - fuzz replay $name: $bin not built"; continue; fi
    if out=$(ASAN_OPTIONS=detect_leaks=1 "$bin" "${files[@]}" 2>&1); then
        echo "ok - fuzz replay $name (${#files[@]} inputs)"
    else
        echo "not ok - fuzz replay $name"; echo "$out" | tail -20 | sed 's/^/#   /'
    fi
done
