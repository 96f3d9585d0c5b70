#!/usr/bin/env bash
# `make install PREFIX=P` and `make install DESTDIR=D PREFIX=P`: P/bin/elfboot is one
# file that works on its own (the loaders inside it), P/include/elfboot.h is the header,
# and a kernel built against the installed header boots through the installed tool.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
BUILD=${BUILD:-build}
unset MAKEFLAGS MAKELEVEL MFLAGS
work=$(realpath -m "$BUILD/tests/install")
rm -rf "$work" && mkdir -p "$work"

out=$(make -s --no-print-directory BUILD="$BUILD" install PREFIX="$work/prefix" 2>&1)
rc=$?
if [ $rc -eq 0 ] && [ -x "$work/prefix/bin/elfboot" ] &&
   cmp -s include/elfboot.h "$work/prefix/include/elfboot.h"; then
    tap_ok "make install PREFIX=...: bin/elfboot and include/elfboot.h"
else
    tap_fail "make install PREFIX=...: bin/elfboot and include/elfboot.h" "status $rc" "$out" \
        "$(ls -lR "$work/prefix" 2>&1 | head)"
fi

out=$(make -s --no-print-directory BUILD="$BUILD" install DESTDIR="$work/stage" PREFIX=/usr 2>&1)
if [ -x "$work/stage/usr/bin/elfboot" ] && [ -f "$work/stage/usr/include/elfboot.h" ]; then
    tap_ok "make install DESTDIR=... PREFIX=/usr: staged under DESTDIR"
else
    tap_fail "make install DESTDIR=... PREFIX=/usr: staged under DESTDIR" "$out"
fi

# Away from the source tree: only the installed files, as a user has them.
mkdir -p "$work/user"
cp docs/c-kernel.md "$work/user/guide.md"
(cd "$work/user" &&
 awk '/^```/ { if (inside) { inside = 0; next } if ($0 == "```c") { inside = 1; next } }
      inside { print }' guide.md >kernel.c &&
 awk '/^```/ { if (inside) { inside = 0; next } if ($0 == "```ld") { inside = 1; next } }
      inside { print }' guide.md >linker.ld)
build_user_kernel() {
    cd "$work/user" &&
    gcc -std=gnu11 -O2 -Wall -Wextra -Werror -ffreestanding -fno-stack-protector -fno-pic \
        -mcmodel=kernel -mno-red-zone -mgeneral-regs-only -I"$work/prefix/include" \
        -c kernel.c -o kernel.o &&
    ld -nostdlib -static -z max-page-size=0x1000 -T linker.ld -o kernel.elf kernel.o
}
tap_check "a kernel builds against the installed <elfboot.h>" build_user_kernel

cd "$work/user" || exit 1
out=$(PATH="$work/prefix/bin:/usr/bin:/bin" timeout --kill-after=5 120 \
      elfboot run kernel.elf --cmdline installed 2>&1 | tr -d '\r'; exit "${PIPESTATUS[0]}")
rc=$?
if [ $rc -eq 0 ] && grep -qx 'command line: installed' <<<"$out" &&
   grep -q '^booted by elfboot [0-9.]* (bios)' <<<"$out"; then
    tap_ok "the installed elfboot, run from another folder, boots it"
else
    tap_fail "the installed elfboot, run from another folder, boots it" "status $rc:" \
        "$(tail -n 10 <<<"$out" | sed 's/^/#   /')"
fi
