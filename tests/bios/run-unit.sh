#!/usr/bin/env bash
# Runs the unit tests of stage 2's pure parsers (bios/fat.c, bios/partition.c): cmocka
# binaries under ASan and UBSan, TAP output.
set -u
BUILD=${BUILD:-build}
status=0
for t in "$BUILD"/tests/bios/test_*; do
    [ -x "$t" ] && [ -f "$t" ] || continue
    echo "# $(basename "$t")"
    CMOCKA_MESSAGE_OUTPUT=TAP "$t" || status=1
done
exit $status
