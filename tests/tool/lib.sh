# Shared by the tool's suites: which elfboot to test, the test kernels, a scratch folder.
# Source after tests/lib/tap.sh.
BUILD=${BUILD:-build}
# The sanitized tool unless told otherwise (ELFBOOT_UNDER_TEST=build/elfboot).
ELFBOOT=$(realpath "${ELFBOOT_UNDER_TEST:-$BUILD/san/elfboot}")
KERNELS=$(realpath "$BUILD/tests/tool")          # tiny.elf and the broken ones
PROTO_KERNELS=$(realpath -m "$BUILD/tests/kernels") # behave.elf, conformance*.elf
IMGCHECK=$(realpath "$BUILD/tests/tool/imgcheck")
STAGE1=$(realpath -m "$BUILD/bios/stage1.bin")
STAGE2=$(realpath -m "$BUILD/bios/stage2.bin")
UEFI_EFI=$(realpath -m "$BUILD/uefi/BOOTX64.EFI")
# LeakSanitizer reports make the sanitized tool exit 23: a leak fails the test.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
unset SOURCE_DATE_EPOCH XDG_CACHE_HOME CARGO_MANIFEST_DIR ELFBOOT_FIRMWARE ELFBOOT_MEMORY \
      ELFBOOT_CMDLINE ELFBOOT_ACCEL ELFBOOT_TEST ELFBOOT_TEST_TIMEOUT ELFBOOT_MODULES \
      ELFBOOT_RUN_ARGS ELFBOOT_TEST_ARGS ELFBOOT_TEST_SUCCESS_EXIT_CODE ELFBOOT_RUNNER_CONFIG

# A scratch folder under build/, removed at exit; TMPDIR points into it so that the
# tool's own temporary files are visible to the tests (and must be gone afterwards).
SCRATCH=$(mkdir -p "$BUILD/tests/tool" && mktemp -d "$(realpath "$BUILD/tests/tool")/scratch.XXXXXX")
export TMPDIR="$SCRATCH/tmp"
mkdir -p "$TMPDIR"
trap 'rm -rf "$SCRATCH"' EXIT

sha() { sha256sum "$1" | cut -d' ' -f1; }

# no_leftovers DIR: nothing in DIR but what is listed after it (the tool's temporary
# files are hidden ".NAME.elfboot-XXXXXX" files and TMPDIR/elfboot-XXXXXX folders).
no_leftovers() {
    local dir=$1 name extra
    local -a keep=(-e /)
    shift
    for name in "$@"; do keep+=(-e "$name"); done
    extra=$(cd "$dir" && ls -A | grep -vxF "${keep[@]}" || true)
    [ -z "$extra" ] || { echo "left in $dir: $extra"; return 1; }
    [ -z "$(ls -A "$TMPDIR")" ] || { echo "left in TMPDIR: $(ls -A "$TMPDIR")"; return 1; }
}

# expect_run NAME STATUS REGEX COMMAND...: COMMAND (stdin empty, 200 s at most) exits
# with STATUS, prints a line matching REGEX (stdout or stderr), leaves TMPDIR empty.
expect_run() {
    local name=$1 want=$2 re=$3 out rc
    shift 3
    out=$(timeout 200 "$@" </dev/null 2>&1)
    rc=$?
    if [ $rc -ne "$want" ]; then tap_fail "$name" "status $rc, expected $want" "$(echo "$out" | tail -8)"
    elif ! echo "$out" | grep -Eq -- "$re"; then tap_fail "$name" "no /$re/ in:" "$(echo "$out" | tail -8)"
    elif [ -n "$(ls -A "$TMPDIR")" ]; then tap_fail "$name" "left in TMPDIR: $(ls -A "$TMPDIR")"
    else tap_ok "$name"; fi
}

# help_tests COMMAND: `elfboot help COMMAND` and `elfboot COMMAND --help` exit 0 and
# print COMMAND's own usage line first, on stdout, with nothing on stderr.
help_tests() {
    local cmd=$1 how out rc
    for how in "help $cmd" "$cmd --help"; do
        out=$("$ELFBOOT" $how 2>"$SCRATCH/help.err")
        rc=$?
        if [ $rc -ne 0 ]; then tap_fail "elfboot $how" "status $rc" "$(cat "$SCRATCH/help.err")"
        elif ! echo "$out" | head -1 | grep -Eq "^usage: elfboot $cmd( |$)"; then
            tap_fail "elfboot $how" "first line of stdout is not $cmd's usage:" "$(echo "$out" | head -3)"
        elif [ -s "$SCRATCH/help.err" ]; then tap_fail "elfboot $how" "stderr: $(cat "$SCRATCH/help.err")"
        else tap_ok "elfboot $how: status 0, $cmd's usage line on stdout"; fi
    done
}
