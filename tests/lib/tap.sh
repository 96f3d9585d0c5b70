# TAP helpers for test suites written in bash. Source it, then call these; the harness
# (tests/run-all.sh) counts the "ok" and "not ok" lines.
tap_ok()   { echo "ok - $1"; }
tap_fail() { echo "not ok - $1"; shift; for line in "$@"; do echo "#   $line"; done; }

# tap_check NAME COMMAND...: ok when COMMAND succeeds; on failure shows its output.
tap_check() {
    local name=$1 out; shift
    if out=$("$@" 2>&1); then tap_ok "$name"
    else tap_fail "$name" "command: $*" "$(echo "$out" | tail -20)"; fi
}

# tap_expect_fail NAME PATTERN COMMAND...: ok when COMMAND fails and its output
# (stdout and stderr) matches the extended regex PATTERN.
tap_expect_fail() {
    local name=$1 pattern=$2 out; shift 2
    if out=$("$@" 2>&1); then
        tap_fail "$name" "command succeeded, expected failure: $*" "$(echo "$out" | tail -10)"
    elif echo "$out" | grep -Eq -- "$pattern"; then tap_ok "$name"
    else tap_fail "$name" "expected /$pattern/ in output of: $*" "$(echo "$out" | tail -10)"; fi
}
