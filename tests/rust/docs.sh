#!/usr/bin/env bash
# docs/rust.md's walk-through, followed as written: a new package with the Cargo.toml,
# the .cargo/config.toml (host-target block) and the src/main.rs the page shows, the
# example's linker script, then `cargo run` must boot it and print what the page says.
source "$(dirname "$0")/../lib/tap.sh"
source "$(dirname "$0")/lib.sh"
rust_require_cargo "rust docs walk-through"
rust_require_elfboot "rust docs walk-through"

doc=$RUST_ROOT/docs/rust.md
project=$RUST_BUILD/docs-kernel
export CARGO_TARGET_DIR=$RUST_BUILD/docs-target
rm -rf "$project" && mkdir -p "$project/src" "$project/.cargo"

# code_block LANG N: the Nth (from 1) fenced block of language LANG in the page.
code_block() {
    awk -v lang="$1" -v want="$2" '
        /^```/ { if (inside) { inside = 0; next }
                 if ($0 == "```" lang && ++n == want) { inside = 1; next } }
        inside { print }' "$doc"
}

setup() {
    code_block toml 1 | sed "s|/path/to/elfboot|$RUST_ROOT|" >"$project/Cargo.toml"
    code_block toml 2 | sed "s|runner = \"elfboot runner\"|runner = \"$RUST_ELFBOOT runner\"|" \
        >"$project/.cargo/config.toml"
    code_block rust 1 >"$project/src/main.rs"
    cp "$RUST_ROOT/examples/rust-kernel/linker.ld" "$project/"
    grep -q 'entry_point!(kmain)' "$project/src/main.rs" &&
        grep -q 'x86_64-unknown-linux-gnu' "$project/.cargo/config.toml" &&
        grep -q '^\[dependencies\]' "$project/Cargo.toml"
}
tap_check "docs: the page's Cargo.toml, config and main.rs are where the steps say" setup

run_it() {
    local out
    out=$(cd "$project" && timeout 120 cargo run --offline 2>&1 </dev/null) ||
        { echo "cargo run failed"; echo "$out" | tail -15; return 1; }
    grep -Eq '^hello from elfboot [0-9.]+ \(bios\)' <<<"$out" &&
        grep -Eq '^0x[0-9a-f]+\.\.0x[0-9a-f]+ Some\(Usable\)' <<<"$out" ||
        { echo "not the output the page shows:"; echo "$out" | tail -15; return 1; }
}
tap_check "docs: cargo run boots the page's kernel and prints its memory map" run_it
