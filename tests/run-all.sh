#!/usr/bin/env bash
# The test harness of `make test`. Each argument is a suite: an executable, or a .sh run
# with bash, that prints TAP lines ("ok ..." / "not ok ..."). Suites run two at a time
# (QEMU under TCG takes a core each); each one's output goes to $BUILD/test-logs/.
# Ends with one line: "N passed, N failed". A suite that exits non-zero without
# printing a failure counts as one failure, so a crash is never silent.
set -u
BUILD=${BUILD:-build}
JOBS=${TEST_JOBS:-2}
# One folder per run, so that two runs at once (two shells, two checkouts' tools) never
# mix their logs; folders of earlier runs older than a day are removed.
mkdir -p "$BUILD/test-logs"
find "$BUILD/test-logs" -mindepth 1 -maxdepth 1 -type d -mtime +0 -exec rm -rf {} + 2>/dev/null
logs="$BUILD/test-logs/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$logs"
echo "test logs: $logs"
export BUILD
# cmocka binaries are suites as they are: TAP lines are what the harness counts.
export CMOCKA_MESSAGE_OUTPUT=TAP
# Every ASan/UBSan report of any process goes to a file of its own here, whatever the
# test did with stderr: a memory error on an error path (status 1, as the test expects)
# must not pass unseen. Any such file fails the run (below).
sanitizer_logs="$(realpath "$logs")/sanitizer"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$sanitizer_logs"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:log_path=$sanitizer_logs"

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
    if [ ! -f "$log" ] || [ ! -f "$log.rc" ]; then
        echo "---- $suite left no log: counted as a failure"
        failed=$((failed + 1)); continue
    fi
    p=$(grep -c '^ok ' "$log"); f=$(grep -c '^not ok ' "$log")
    rc=$(cat "$log.rc")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - $suite exited with status $rc" >>"$log"; f=1
    fi
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - $suite printed no test result" >>"$log"; f=1
    fi
    if [ "$f" -gt 0 ]; then
        echo "---- failures in $suite (full log: $log)"
        grep -A12 '^not ok ' "$log" | head -60
    fi
    passed=$((passed + p)); failed=$((failed + f))
done
for report in "$sanitizer_logs".*; do
    [ -e "$report" ] || continue
    echo "---- a sanitizer report ($report), from a process of one of the suites:"
    head -n 30 "$report"
    failed=$((failed + 1))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
