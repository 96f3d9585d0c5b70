#!/usr/bin/env bash
# A kernel project written for bootimage (tests/rust/bootimage-kernel): its Cargo.toml
# has only [package.metadata.bootimage] with test-success-exit-code = 33 and test-args
# naming isa-debug-exit, and its .cargo/config.toml says `runner = "elfboot runner"`,
# the elfboot on PATH. Its passing test must pass and its failing one fail, under both
# firmwares, with nothing changed for elfboot.
source "$(dirname "$0")/../lib/tap.sh"
source "$(dirname "$0")/lib.sh"
rust_require_cargo "rust bootimage-style kernel"
rust_require_elfboot "rust bootimage-style kernel"
unset CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER   # the project's own line, unchanged
PATH=$(dirname "$RUST_ELFBOOT"):$PATH

cd "$RUST_ROOT/tests/rust/bootimage-kernel" || exit 1
export CARGO_TARGET_DIR=$RUST_BUILD/bootimage-target
logs=$RUST_BUILD/bootimage-logs
rm -rf "$logs" && mkdir -p "$logs"

tap_check "bootimage: cargo test builds" cargo test --offline --no-run

settings() {   # the runner takes bootimage's success code as a QEMU status, from Cargo.toml
    local kernel out
    kernel=$(ls "$CARGO_TARGET_DIR"/x86_64-unknown-linux-gnu/debug/deps/basic_boot-* | grep -v '\.d$' | head -1)
    out=$(CARGO_MANIFEST_DIR=$PWD elfboot runner --print-settings "$kernel") || return 1
    echo "$out"
    grep -Eq 'test-success-exit-code +QEMU status 33 .*bootimage' <<<"$out" &&
        grep -Eq 'mode +test' <<<"$out"
}
tap_check "bootimage: runner reads test-success-exit-code = 33 from [package.metadata.bootimage]" settings

for firmware in bios uefi; do
    log=$logs/pass-$firmware.log
    if ELFBOOT_FIRMWARE=$firmware timeout 180 cargo test --offline --test basic_boot >"$log" 2>&1 &&
        grep -q '^basic_boot: ok' "$log"; then
        tap_ok "bootimage: basic_boot passes under $firmware"
    else
        tap_fail "bootimage: basic_boot passes under $firmware"; tail -15 "$log" | sed 's/^/#   /'
    fi
    log=$logs/fail-$firmware.log
    if ELFBOOT_FIRMWARE=$firmware timeout 180 cargo test --offline --test exits_with_failure >"$log" 2>&1; then
        tap_fail "bootimage: exits_with_failure fails under $firmware" "cargo test succeeded"
        tail -15 "$log" | sed 's/^/#   /'
    elif grep -q 'exits_with_failure: writing the failure code' "$log" &&
         grep -q 'elfboot runner: test failed: the kernel wrote 0x11' "$log"; then
        tap_ok "bootimage: exits_with_failure fails under $firmware"
    else
        tap_fail "bootimage: exits_with_failure fails under $firmware" "failed, but not as expected:"
        tail -15 "$log" | sed 's/^/#   /'
    fi
done
