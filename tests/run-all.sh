#!/usr/bin/env bash
# The test harness of `make test`. Each argument is a suite: an executable, or a .sh run
# with bash, that prints TAP lines ("ok ..." / "not ok ..."). Suites run two at a time
# (QEMU under TCG takes a core each); each one's output goes to $BUILD/test-logs/.
# Ends with one line: "N passed, N failed". A suite that exits non-zero without
# printing a failure counts as one failure, so a crash is never silent.
set -u
BUILD=${BUILD:-build}
JOBS=${TEST_JOBS:-2}
logs="$BUILD/test-logs"
rm -rf "$logs" && mkdir -p "$logs"
export BUILD

run_suite() {
    local suite=$1 name log start rc
    name=$(echo "$suite" | sed 's|^\./||; s|/|_|g')
    log="$logs/$name.log"
    start=$(date +%s)
    if [[ "$suite" == *.sh ]]; then bash "$suite" >"$log" 2>&1; else "$suite" >"$log" 2>&1; fi
    rc=$?
    echo "$rc" >"$log.rc"
    printf '%-50s %3ss  %s passed, %s failed\n' "$suite" "$(( $(date +%s) - start ))" \
        "$(grep -c '^ok ' "$log")" "$(grep -c '^not ok ' "$log")"
}
export -f run_suite
export logs

printf '%s\n' "$@" | xargs -P "$JOBS" -I{} bash -c 'run_suite "$1"' _ {}

passed=0 failed=0
for suite in "$@"; do
    name=$(echo "$suite" | sed 's|^\./||; s|/|_|g')
    log="$logs/$name.log"
    p=$(grep -c '^ok ' "$log"); f=$(grep -c '^not ok ' "$log")
    rc=$(cat "$log.rc" 2>/dev/null || echo 1)
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - $suite exited with status $rc" >>"$log"; f=1
    fi
    if [ "$f" -gt 0 ]; then
        echo "---- failures in $suite (full log: $log)"
        grep -A12 '^not ok ' "$log" | head -60
    fi
    passed=$((passed + p)); failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
