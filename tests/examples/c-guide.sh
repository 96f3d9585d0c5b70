#!/usr/bin/env bash
# docs/c-kernel.md followed as written: its kernel.c, linker.ld and Makefile pasted into
# an empty folder, the header and the tool taken from this tree as `make install` would
# place them; then `make kernel.elf`, `elfboot check`, `make run` (the output the page
# shows) and `make test` (both firmwares), and a broken kernel that `make test` fails.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
BUILD=${BUILD:-build}
unset MAKEFLAGS MAKELEVEL MFLAGS
ROOT=$PWD
doc=docs/c-kernel.md
work=$BUILD/tests/c-guide
rm -rf "$work" && mkdir -p "$work/prefix/include" "$work/kernel"
cp include/elfboot.h "$work/prefix/include/"
ELFBOOT=$(realpath "$BUILD/elfboot")

# code_block LANG N: the Nth (from 1) fenced block of language LANG in the page.
code_block() {
    awk -v lang="$1" -v want="$2" '
        /^```/ { if (inside) { inside = 0; next }
                 if ($0 == "```" lang && ++n == want) { inside = 1; next } }
        inside { print }' "$doc"
}
code_block c 1 >"$work/kernel/kernel.c"
code_block ld 1 >"$work/kernel/linker.ld"
code_block make 1 >"$work/kernel/Makefile"

# The page's kernel, built the page's way; `-I` stands for the installed <elfboot.h>.
k() { timeout --kill-after=5 300 make -s --no-print-directory -C "$work/kernel" ELFBOOT="$ELFBOOT" \
        CC="gcc -I$ROOT/$work/prefix/include" "$@" 2>&1 | tr -d '\r'; return "${PIPESTATUS[0]}"; }
tap_check "c guide: make kernel.elf builds the page's files, warning-free" \
    bash -c "[ -s '$work/kernel/kernel.c' ] && [ -s '$work/kernel/linker.ld' ] &&
             out=\$(make -s -C '$work/kernel' CC='gcc -Werror -I$ROOT/$work/prefix/include' kernel.elf 2>&1) &&
             [ -z \"\$out\" ] || { echo \"\$out\"; exit 1; }"
tap_check "c guide: elfboot check accepts the kernel and sees its request" \
    bash -c "'$ELFBOOT' check '$work/kernel/kernel.elf' | grep -Eq 'stack.*128 KiB'"

out=$(k run)
rc=$?
expected=$(code_block text 1)
if [ $rc -ne 0 ]; then
    tap_fail "c guide: make run boots it and prints what the page shows" "status $rc:" \
        "$(tail -n 12 <<<"$out" | sed 's/^/#   /')"
elif ! grep -qxF "$(sed -n 1p <<<"$expected")" <<<"$out" ||
     ! grep -qxF "$(sed -n 2p <<<"$expected")" <<<"$out" ||
     ! grep -Eqx 'usable memory: 2[0-9]{2} MiB' <<<"$out" ||
     ! grep -qxF "$(sed -n 4p <<<"$expected")" <<<"$out"; then
    tap_fail "c guide: make run boots it and prints what the page shows" \
        "the page shows:" "$(sed 's/^/#   /' <<<"$expected")" "it printed:" \
        "$(tail -n 8 <<<"$out" | sed 's/^/#   /')"
else
    tap_ok "c guide: make run boots it and prints what the page shows"
fi

out=$(k test)
rc=$?
if [ $rc -eq 0 ] && [ "$(grep -c 'test passed' <<<"$out")" -eq 2 ] &&
   grep -q '(bios)' <<<"$out" && grep -q '(uefi)' <<<"$out"; then
    tap_ok "c guide: make test passes under SeaBIOS and OVMF"
else
    tap_fail "c guide: make test passes under SeaBIOS and OVMF" "status $rc:" \
        "$(tail -n 12 <<<"$out" | sed 's/^/#   /')"
fi

# The kernel's own check can fail, and make test then fails: ask for a 128 KiB stack
# but compare with another size.
sed -i 's/info->stack_size == request.stack_size/info->stack_size == 2 * request.stack_size/' \
    "$work/kernel/kernel.c"
out=$(k test)
rc=$?
if [ $rc -ne 0 ] && grep -q 'test failed: the kernel wrote 0x11' <<<"$out"; then
    tap_ok "c guide: a kernel whose check fails makes make test fail"
else
    tap_fail "c guide: a kernel whose check fails makes make test fail" "status $rc:" \
        "$(tail -n 8 <<<"$out" | sed 's/^/#   /')"
fi
