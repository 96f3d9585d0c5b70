# Shared by the Rust suites: where cargo builds (under $BUILD/rust, offline, its own
# CARGO_HOME), and the one "skipped" line when there is no cargo. Source it after tap.sh.

RUST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
case "${BUILD:-build}" in
    /*) RUST_BUILD=${BUILD}/rust ;;
    *)  RUST_BUILD=$RUST_ROOT/${BUILD:-build}/rust ;;
esac
mkdir -p "$RUST_BUILD"
export CARGO_HOME=$RUST_BUILD/cargo-home   # no registry, no caches outside build/
export CARGO_NET_OFFLINE=true
export CARGO_TERM_COLOR=never
unset RUSTFLAGS CARGO_BUILD_TARGET CARGO_TARGET_DIR CARGO_BUILD_RUSTFLAGS

# rust_require_cargo SUITE: prints one skipped TAP line and exits when cargo is missing.
# rustup installs into ~/.cargo/bin, which a non-login shell may not have on PATH.
rust_require_cargo() {
    if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
        PATH=$HOME/.cargo/bin:$PATH
    fi
    if ! command -v cargo >/dev/null 2>&1; then
        tap_ok "$1 # SKIP no cargo on PATH or in ~/.cargo/bin (install Rust to run the Rust tests)"
        exit 0
    fi
}

# rust_cargo_tests_to_tap PREFIX < cargo test output: one TAP line per libtest result.
rust_cargo_tests_to_tap() {
    sed -nE "s/^test (.+) \.\.\. ok$/ok - $1: \1/p; s/^test (.+) \.\.\. FAILED$/not ok - $1: \1/p"
}

# rust_require_elfboot SUITE: the tool the runner lines name; one failure line without it.
rust_require_elfboot() {
    RUST_ELFBOOT=$(dirname "$RUST_BUILD")/elfboot
    if [ ! -x "$RUST_ELFBOOT" ]; then
        tap_fail "$1: $RUST_ELFBOOT exists" "run make first"
        exit 1
    fi
    # The example's runner line names build/elfboot; another BUILD folder needs the
    # environment's override (cargo's CARGO_TARGET_<TRIPLE>_RUNNER).
    if [ "$RUST_ELFBOOT" != "$RUST_ROOT/build/elfboot" ]; then
        export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER="$RUST_ELFBOOT runner"
    fi
}

# rust_kernel_results NAME LOG KERNEL...: for each test kernel, ok when `cargo test
# --no-fail-fast` (output in LOG) ran it and did not list it among the failed targets.
rust_kernel_results() {
    local name=$1 log=$2 kernel; shift 2
    for kernel in "$@"; do
        if ! grep -q "Running tests/$kernel.rs" "$log"; then
            tap_fail "$name: $kernel" "cargo did not run it"
            tail -15 "$log" | sed 's/^/#   /'
        elif grep -q "^    \`--test $kernel\`\$" "$log" ||
             grep -q "to rerun pass \`--test $kernel\`" "$log"; then
            tap_fail "$name: $kernel" "the runner's verdict and the kernel's last lines:"
            sed -n "/Running tests\/$kernel.rs/,/Running tests\//p" "$log" | tail -15 | sed 's/^/#   /'
        else
            tap_ok "$name: $kernel"
        fi
    done
}
