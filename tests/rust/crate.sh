#!/usr/bin/env bash
# The elfboot crate on the host: its unit tests, and the layout test that compiles a C
# program against include/elfboot.h and compares every size, offset and constant with
# the crate's (rust/elfboot/tests/layout.rs). Then the crate builds warning-free as a
# kernel would use it, and its documentation builds with every public item documented.
source "$(dirname "$0")/../lib/tap.sh"
source "$(dirname "$0")/lib.sh"
rust_require_cargo "rust crate"

crate=$RUST_ROOT/rust/elfboot
export CARGO_TARGET_DIR=$RUST_BUILD/crate-target
log=$RUST_BUILD/crate-test.log

(cd "$crate" && cargo test --offline) >"$log" 2>&1
rc=$?
rust_cargo_tests_to_tap "crate" <"$log"
grep -q '^test every_size_offset_and_constant_matches_the_c_header \.\.\. ok$' "$log" ||
    tap_fail "crate: the layout test ran and passed" "$(tail -20 "$log")"
[ $rc -eq 0 ] || tap_fail "crate: cargo test exits 0" "status $rc" "$(tail -20 "$log")"

# As a kernel builds it (panic=abort on the Linux target: the C-library shims included);
# -D warnings covers missing docs too (the crate denies missing_docs).
tap_check "crate: builds without warnings for a kernel on the host target" \
    env RUSTFLAGS="-D warnings -C panic=abort" CARGO_TARGET_DIR="$RUST_BUILD/crate-strict" \
    cargo build --offline --target x86_64-unknown-linux-gnu --manifest-path "$crate/Cargo.toml"
tap_check "crate: documentation builds without warnings" \
    env RUSTDOCFLAGS="-D warnings" CARGO_TARGET_DIR="$RUST_BUILD/crate-strict" \
    cargo doc --offline --no-deps --manifest-path "$crate/Cargo.toml"
