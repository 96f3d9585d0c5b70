#!/usr/bin/env bash
# docs/rust.md's walk-through, followed as written, step by step, with `elfboot` on PATH:
# step 1's commands and Cargo.toml, the example's linker script, the .cargo/config.toml
# (host-target block), src/lib.rs and src/main.rs; step 5's `cargo run` boots it; step 6's
# request pasted into main.rs takes effect; step 7's test passes under `cargo test` (BIOS
# and UEFI) and fails on the smaller machine the page uses to show a failure; the runner
# settings block pasted into Cargo.toml is read key by key. Code comes from the page
# itself, so a block that cannot be pasted as it stands fails here, and the outputs the
# page shows must match what the commands print.
source "$(dirname "$0")/../lib/tap.sh"
source "$(dirname "$0")/lib.sh"
rust_require_cargo "rust docs walk-through"
rust_require_elfboot "rust docs walk-through"

doc=$RUST_ROOT/docs/rust.md
work=$RUST_BUILD/docs
project=$work/mykernel
kernel=target/x86_64-unknown-linux-gnu/debug/mykernel   # where the page says it is
rm -rf "$work" && mkdir -p "$work/bin"
ln -s "$RUST_ELFBOOT" "$work/bin/elfboot"   # as `make install` would put it
export PATH=$work/bin:$PATH
unset ELFBOOT_FIRMWARE ELFBOOT_MEMORY ELFBOOT_CMDLINE ELFBOOT_MODULES ELFBOOT_TEST_TIMEOUT

# code_block STEP LANG N: the Nth (from 1) fenced block of language LANG ("" for a
# plain ```) in the section whose heading starts "### STEP" (e.g. "4.") or "## STEP".
code_block() {
    awk -v step="$1" -v lang="$2" -v want="$3" '
        /^```/ { if (fence) { fence = inside = 0; next }
                 fence = 1
                 if (section && $0 == "```" lang && ++n == want) inside = 1
                 next }
        fence  { if (inside) print; next }
        /^##/  { heading = $0; sub(/^#+ /, "", heading); section = (index(heading, step) == 1) }
    ' "$doc"
}

# paste_file STEP N: writes the Nth rust block of STEP to the file its first line names
# ("// src/lib.rs"), as the page tells the reader to.
paste_file() {
    local text file
    text=$(code_block "$1" rust "$2")
    file=$(sed -n '1s|^// \([^ :]*\).*|\1|p' <<<"$text")
    [ -n "$file" ] || { echo "step $1's block $2 does not say which file it is"; return 1; }
    mkdir -p "$(dirname "$project/$file")"
    printf '%s\n' "$text" >"$project/$file"
}

# in_project COMMAND...: runs it in the kernel's folder, as the reader does.
in_project() {
    (cd "$project" && timeout 150 "$@" 2>&1 </dev/null)
}

# expect_lines TEXT REGEX...: every REGEX matches a line of TEXT.
expect_lines() {
    local text=${1//$'\r'/} want; shift
    for want in "$@"; do
        grep -Eq -- "$want" <<<"$text" ||
            { tail -12 <<<"$text"; echo "(the end of the output) has no line /$want/"; return 1; }
    done
}

# shows TEXT STEP N: each line of the page's Nth plain block in STEP (an output it
# shows; "..." lines left out) is a line of TEXT, numbers and addresses aside. The
# loader ends its lines with CR LF.
shows() {
    local text=${1//$'\r'/} line pattern
    while IFS= read -r line; do
        [ "$line" = "..." ] && continue
        pattern=$(sed -E 's/[][\.*^$(){}?+|]/\\&/g; s/0x[0-9a-f]+/@X@/g;
                          s/[0-9a-f]*[0-9][0-9a-f]*/@N@/g;
                          s/@X@/0x[0-9a-f]+/g; s/@N@/[0-9a-f]+/g' <<<"$line")
        grep -Eq -- "^$pattern\$" <<<"$text" ||
            { tail -12 <<<"$text"
              echo "(the end of the output) has no line '$line', which the page shows (step $2)"
              return 1; }
    done < <(code_block "$2" "" "$3")
}

# --- steps 1 to 4: the package, linker script, config, library and kernel ---
setup() {
    local out
    out=$(cd "$work" && eval "$(code_block 1. "" 1)" 2>&1) ||
        { echo "step 1's commands failed:"; echo "$out"; return 1; }
    [ -f "$project/Cargo.toml" ] || { echo "step 1 made no $project"; return 1; }
    code_block 1. toml 1 | sed "s|/path/to/elfboot|$RUST_ROOT|" >"$project/Cargo.toml"
    cp "$RUST_ROOT/examples/rust-kernel/linker.ld" "$project/"
    mkdir -p "$project/.cargo"
    code_block 3. toml 1 >"$project/.cargo/config.toml"
    paste_file 4. 1 && paste_file 4. 2 || return 1
    grep -q 'x86_64-unknown-linux-gnu' "$project/.cargo/config.toml" &&
        grep -q '^\[lib\]' "$project/Cargo.toml" &&
        grep -q 'pub fn exit_qemu' "$project/src/lib.rs" &&
        grep -q 'entry_point!(kmain)' "$project/src/main.rs" ||
        { echo "the blocks are not the ones the steps describe"; return 1; }
}
tap_check "docs: steps 1-4 make the package, config, src/lib.rs and src/main.rs" setup

# --- step 5: cargo run ---
run_defaults() {
    local out
    out=$(in_project bash -c "$(code_block 5. "" 1)") ||
        { echo "step 5's command failed"; tail -15 <<<"$out"; return 1; }
    expect_lines "$out" '^stack 64 KiB, direct map at 0xffff800000000000$' && shows "$out" 5. 2
}
tap_check "docs: step 5: cargo run boots the kernel with the defaults step 6 names" run_defaults

# --- step 6: the request, pasted into src/main.rs ---
request() {
    code_block 6. rust 1 >>"$project/src/main.rs"
    local out check
    out=$(in_project cargo run) || { echo "cargo run failed"; tail -15 <<<"$out"; return 1; }
    expect_lines "$out" '^video: 1280x720, ' \
        '^stack 256 KiB, direct map at 0xffffa00000000000$' && shows "$out" 6. 1 || return 1
    check=$(in_project elfboot check "$kernel") ||
        { echo "elfboot check refused it:"; echo "$check"; return 1; }
    expect_lines "$check" '^    stack +256 KiB$' '^    HHDM +at 0xffffa00000000000$' \
        '^    recursive +a recursive PML4 entry' '^    display +framebuffer, 1280x720 preferred$' &&
        shows "$check" 6. 2
}
tap_check "docs: step 6: the request takes effect (stack, direct map, mode) and elfboot check shows it" \
    request

# --- step 7: a test kernel, passing, then failing on a smaller machine ---
add_test() {
    code_block 7. toml 1 >>"$project/Cargo.toml"
    paste_file 7. 1 || return 1
    [ -f "$project/tests/boot.rs" ] || { echo "step 7's test is not tests/boot.rs"; return 1; }
}
tap_check "docs: step 7: the [[test]] entry and tests/boot.rs pasted where the page says" add_test

test_passes() {   # FIRMWARE
    local out
    out=$(ELFBOOT_FIRMWARE=$1 in_project cargo test) ||
        { echo "cargo test failed"; tail -20 <<<"$out"; return 1; }
    expect_lines "$out" "^elfboot runner: testing boot-[0-9a-f]+ \\($1, 256M" \
        '^usable memory: [0-9]+ MiB$' '^elfboot runner: test passed \(QEMU status 33\)$' || return 1
    [ "$1" = uefi ] || shows "$out" 7. 1
}
tap_check "docs: step 7: cargo test boots tests/boot.rs through the runner and it passes" \
    test_passes bios

test_fails() {
    local out
    if out=$(ELFBOOT_MEMORY=128M in_project cargo test); then
        echo "cargo test passed on 128M"; tail -15 <<<"$out"; return 1
    fi
    expect_lines "$out" '^only [0-9]+ MiB usable$' \
        '^elfboot runner: test failed: the kernel wrote 0x11 to the isa-debug-exit port' &&
        shows "$out" 7. 2
}
tap_check "docs: step 7: ELFBOOT_MEMORY=128M cargo test fails, with the assertion and the runner's line" \
    test_fails
tap_check "docs: step 7: ELFBOOT_FIRMWARE=uefi cargo test passes too" test_passes uefi

# --- Runner settings: the example block pasted into Cargo.toml, every key read ---
settings() {
    code_block "Runner settings" toml 1 >>"$project/Cargo.toml"
    local out key keys
    out=$(CARGO_MANIFEST_DIR=$project in_project elfboot runner --print-settings "$kernel") ||
        { echo "elfboot runner --print-settings failed:"; echo "$out"; return 1; }
    keys=$(code_block "Runner settings" toml 1 | sed -n 's/^\([a-z-]*\) *=.*/\1/p')
    [ "$(wc -l <<<"$keys")" -ge 10 ] || { echo "only these keys in the block: $keys"; return 1; }
    for key in $keys; do
        grep -Eq "^$key .*\(Cargo\.toml \[package\.metadata\.elfboot\]\)$" <<<"$out" ||
            { echo "$key is not read from Cargo.toml:"; echo "$out"; return 1; }
    done
    expect_lines "$out" '^firmware +uefi ' '^memory +512M ' '^modules +.*/initrd\.tar:initrd '
}
tap_check "docs: the runner settings block, pasted into Cargo.toml, gives every key it shows" settings
