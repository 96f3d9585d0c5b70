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
        tap_ok "$1 # SKIP cargo is not on PATH (install Rust to run the Rust tests)"
        exit 0
    fi
}

# rust_cargo_tests_to_tap PREFIX < cargo test output: one TAP line per libtest result.
rust_cargo_tests_to_tap() {
    sed -nE "s/^test (.+) \.\.\. ok$/ok - $1: \1/p; s/^test (.+) \.\.\. FAILED$/not ok - $1: \1/p"
}
