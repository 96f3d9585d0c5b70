#!/usr/bin/env bash
# The Rust example kernel (examples/rust-kernel), as a user drives it: cargo builds it
# from the stable host target, `cargo run` boots it through `elfboot runner` (the
# runner line of its .cargo/config.toml) under BIOS and UEFI, `cargo test` boots each
# test kernel, and the test that fails on purpose is reported as failed.
source "$(dirname "$0")/../lib/tap.sh"
source "$(dirname "$0")/lib.sh"
rust_require_cargo "rust example kernel"
rust_require_elfboot "rust example kernel"

cd "$RUST_ROOT/examples/rust-kernel" || exit 1
export CARGO_TARGET_DIR=$RUST_BUILD/kernel-target
kernel=$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/debug/rust-kernel
logs=$RUST_BUILD/example-logs
rm -rf "$logs" && mkdir -p "$logs"

tap_check "example: cargo build" cargo build --offline

# --- the ELF cargo made: what the loader needs to find in it ---
check_elf() {
    local header loads addr
    header=$(readelf -h "$kernel") || return 1
    grep -q 'Class: *ELF64' <<<"$header" || { echo "not ELF64"; return 1; }
    grep -q 'Type: *EXEC' <<<"$header" || { echo "not ET_EXEC"; return 1; }
    grep -q 'Machine: *Advanced Micro Devices X86-64' <<<"$header" || { echo "not x86_64"; return 1; }
    loads=$(readelf -lW "$kernel" | awk '$1 == "LOAD"')
    [ -n "$loads" ] || { echo "no PT_LOAD"; return 1; }
    # Every segment in the higher half (vaddr is the third column).
    if awk '{ if (substr($3, 3, 4) != "ffff") bad = 1 } END { exit !bad }' <<<"$loads"; then
        echo "a PT_LOAD below the higher half:"; echo "$loads"; return 1
    fi
    # The request: its symbol inside a segment's file bytes, starting with the magic.
    addr=$(nm "$kernel" | awk '/ELFBOOT_REQUEST/ { print $1; exit }')
    [ -n "$addr" ] || { echo "no ELFBOOT_REQUEST symbol"; return 1; }
    # readelf -lW columns: Type Offset VirtAddr PhysAddr FileSiz MemSiz Flg Align. Bash
    # arithmetic is signed 64-bit: higher-half addresses are negative, still ordered.
    local off="" type offset vaddr paddr filesz rest
    while read -r type offset vaddr paddr filesz rest; do
        if (( 0x$addr >= vaddr && 0x$addr + 80 <= vaddr + filesz )); then
            off=$(( offset + 0x$addr - vaddr ))
            break
        fi
    done <<<"$loads"
    [ -n "$off" ] || { echo "the request at $addr is not in a PT_LOAD's file bytes"; return 1; }
    local magic
    magic=$(od -An -tx1 -j "$off" -N 16 "$kernel" | tr -d ' \n')
    [ "$magic" = "454c46424f4f54006894e2b7c5a0f3d1" ] ||
        { echo "request at file offset $off starts with $magic"; return 1; }
    readelf -SW "$kernel" | grep -q ' \.elfboot ' && { echo ".elfboot left as its own section"; return 1; }
    return 0
}
tap_check "example: ELF64 ET_EXEC x86_64, higher half, request magic in a loaded segment" check_elf
tap_check "example: elfboot check accepts it" "$RUST_ELFBOOT" check -q "$kernel"

# --- cargo run, both firmwares ---
run_kernel() {   # FIRMWARE: cargo run with one kernel argument; checks the kernel's report
    local firmware=$1 log=$logs/run-$1.log rc
    ELFBOOT_FIRMWARE=$firmware timeout 180 cargo run --offline -- from-cargo-run=1 >"$log" 2>&1
    rc=$?
    [ $rc -eq 0 ] || { echo "cargo run exited $rc"; tail -15 "$log"; return 1; }
    local want
    for want in "rust-kernel: booted by elfboot [0-9.]+ \($firmware\)" \
                "  firmware +$firmware" \
                '  command line +"log=info from-cargo-run=1"' \
                'memory map: [0-9]+ entries' '  usable: [0-9]+ MiB' '  greeting \([0-9]+ bytes' \
                'rust-kernel: done'; do
        grep -Eq -- "$want" "$log" || { echo "no /$want/ in the output:"; tail -15 "$log"; return 1; }
    done
}
tap_check "example: cargo run under BIOS prints its boot info and exits 0" run_kernel bios
tap_check "example: cargo run under UEFI prints its boot info and exits 0" run_kernel uefi

# --- cargo test, both firmwares: every test kernel passes ---
kernels=(boot_info no_identity_map request_flags should_panic)
for firmware in bios uefi; do
    log=$logs/test-$firmware.log
    ELFBOOT_FIRMWARE=$firmware timeout 600 cargo test --offline --no-fail-fast >"$log" 2>&1
    rust_kernel_results "example: cargo test ($firmware)" "$log" "${kernels[@]}"
    if grep -q "test result: ok. 9 passed" "$log"; then
        tap_ok "example: cargo test ($firmware): boot_info ran its 9 checks"
    else
        tap_fail "example: cargo test ($firmware): boot_info ran its 9 checks"
        grep -A12 "Running tests/boot_info" "$log" | sed "s/^/#   /"
    fi
done

# --- the test that fails on purpose is reported as failed ---
expect_failure() {   # FIRMWARE
    local log=$logs/fail-$1.log want
    if ELFBOOT_FIRMWARE=$1 timeout 180 cargo test --offline --features fail-on-purpose \
        --test fails_on_purpose >"$log" 2>&1; then
        echo "cargo test succeeded"; tail -15 "$log"; return 1
    fi
    for want in 'test passes_first \.\.\. ok' 'test then_fails \.\.\. FAILED' \
                'fails on purpose: the direct map is never at 0' \
                'elfboot runner: test failed: the kernel wrote 0x11' \
                "to rerun pass \`--test fails_on_purpose\`"; do
        grep -Eq -- "$want" "$log" || { echo "no /$want/ in the output:"; tail -15 "$log"; return 1; }
    done
}
tap_check "example: the failing test fails under BIOS, with its assertion" expect_failure bios
tap_check "example: the failing test fails under UEFI, with its assertion" expect_failure uefi
