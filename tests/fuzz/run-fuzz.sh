#!/usr/bin/env bash
# `make fuzz`: each libFuzzer target for FUZZ_SECONDS (default 60), starting from its
# seeds (tests/fuzz/seeds/<target>/, tests/tool/fuzz/seeds/<target>/) and regressions.
# A crash is saved to tests/fuzz/regressions/<target>/, where `make test` replays it
# from then on; commit it with the fix.
set -u
seconds=${FUZZ_SECONDS:-60}
status=0
for bin in "$@"; do
    name=$(basename "$bin"); name=${name#fuzz_}
    corpus="${BUILD:-build}/fuzz/corpus/$name"
    regress="tests/fuzz/regressions/$name"
    mkdir -p "$corpus" "$regress"
    for d in "tests/fuzz/seeds/$name" "tests/tool/fuzz/seeds/$name" "$regress"; do
        [ -d "$d" ] && cp -n "$d"/* "$corpus"/ 2>/dev/null
    done
    # The core's test kernels are the ELF target's seeds.
    [ "$name" = elf ] && cp -n "${BUILD:-build}"/tests/core/*.elf "$corpus"/ 2>/dev/null
    echo "== fuzz $name for ${seconds}s"
    if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
            -artifact_prefix="$regress/" -print_final_stats=1 "$corpus" 2>"$corpus.log"; then
        echo "fuzz $name: FAILED, input saved in $regress/ (log: $corpus.log)"
        status=1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$corpus.log" | sed "s/^/  $name: /"
done
exit $status
