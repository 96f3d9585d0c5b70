#!/usr/bin/env bash
# Runs every unit-test binary of the core (cmocka, TAP output) from the build folder.
set -u
BUILD=${BUILD:-build}
status=0
for t in "$BUILD"/tests/core/test_*; do
    [ -x "$t" ] && [ -f "$t" ] || continue
    echo "# $(basename "$t")"
    CMOCKA_MESSAGE_OUTPUT=TAP "$t" || status=1
done
exit $status
