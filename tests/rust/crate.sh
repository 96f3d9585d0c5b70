#!/usr/bin/env bash
# The elfboot crate on the host: its unit tests, and the layout test that compiles a C
# program against include/elfboot.h and compares every size, offset and constant with
# the crate's (rust/elfboot/tests/layout.rs). Then the crate builds warning-free as a
# kernel would use it, its documentation builds with every public item documented, and
# entry_point! and request! refuse at compile time what docs/rust.md says they refuse.
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

# --- what entry_point! and request! refuse at compile time ---
# tests/rust/compile-check.rs compiles; each case below changes one of its lines and
# must fail with exactly one error matching every regex given. Type-checked as a kernel
# is built (host target, panic=abort, warnings denied) in a scratch package, one binary
# a case, sharing one target folder so that the crate is checked once.
scratch=$RUST_BUILD/compile-checks
rm -rf "$scratch" && mkdir -p "$scratch/src/bin"
cat >"$scratch/Cargo.toml" <<TOML
[package]
name = "compile-checks"
version = "0.1.0"
edition = "2021"

[dependencies]
elfboot = { path = "$crate" }

[profile.dev]
panic = "abort"

[workspace]
TOML
kernel=$(cat "$RUST_ROOT/tests/rust/compile-check.rs")

check_bin() {   # NAME: cargo check of src/bin/NAME.rs; its output, and cargo's status
    (cd "$scratch" && env RUSTFLAGS="-D warnings -C panic=abort" \
        CARGO_TARGET_DIR="$RUST_BUILD/compile-target" \
        cargo check --offline --target x86_64-unknown-linux-gnu --bin "$1") 2>&1
}
printf '%s\n' "$kernel" >"$scratch/src/bin/right.rs"
tap_check "crate: the right kmain signature and request compile" check_bin right

# refused NAME LINE NEW-LINE REGEX...: the kernel with LINE replaced must fail to compile.
refused() {
    local name=$1 line=$2 new=$3 title="crate: refused at compile time: $1" out missing=()
    shift 3
    if [[ $kernel != *"$line"* ]]; then
        tap_fail "$title" "no line '$line' in tests/rust/compile-check.rs"; return
    fi
    printf '%s\n' "${kernel/"$line"/"$new"}" >"$scratch/src/bin/$name.rs"
    if out=$(check_bin "$name"); then
        tap_fail "$title" "cargo check succeeded"; return
    fi
    local pattern
    for pattern in "$@" "could not compile .* due to 1 previous error"; do
        grep -Eq -- "$pattern" <<<"$out" || missing+=("no /$pattern/ in cargo's output")
    done
    if [ ${#missing[@]} -eq 0 ]; then tap_ok "$title"
    else tap_fail "$title" "${missing[@]}" "$(tail -25 <<<"$out")"; fi
}
signature="fn kmain(info: &'static mut BootInfo) -> ! {"
refused kmain_takes_shared_boot_info "$signature" "fn kmain(info: &'static BootInfo) -> ! {" \
    'error\[E0308\]: mismatched types' 'types differ in mutability' \
    "expected fn pointer \`fn\(&'static mut BootInfo\) -> _\`" \
    "found fn item \`fn\(&'static BootInfo\) -> _ \{kmain\}\`"
refused kmain_returns "$signature" "fn kmain(info: &'static mut BootInfo) {" \
    'error\[E0308\]: mismatched types' "expected fn pointer \`fn\(&'static mut BootInfo\) -> !\`" \
    "found fn item \`fn\(&'static mut BootInfo\)( -> \(\))? \{kmain\}\`"
hhdm=".with_hhdm_base(0xffff_a000_0000_0000)"
refused hhdm_base_not_1gib_aligned "$hhdm" ".with_hhdm_base(0xffff_a000_0020_0000)" \
    'error\[E0080\]: .*elfboot: hhdm_base must be 1 GiB aligned' \
    'evaluation of `ELFBOOT_REQUEST` failed'
refused hhdm_base_in_lower_half "$hhdm" ".with_hhdm_base(0x0000_4000_0000_0000)" \
    'error\[E0080\]: .*elfboot: hhdm_base must be in the higher half' \
    'evaluation of `ELFBOOT_REQUEST` failed'
