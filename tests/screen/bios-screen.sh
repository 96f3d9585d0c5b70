#!/usr/bin/env bash
# The BIOS loader's messages on the screen, not only on COM1 (README: "every failure ...
# on the screen and on COM1"). QEMU runs with a QMP socket; once the loader has halted,
# the VGA text buffer is read back (vga-text.py) and must hold the steps and the error.
#   - no config: the screen shows stage 2's first step, the error and the stop line;
#   - `serial = off` and the kernel missing: COM1 gets only the error, the screen has
#     every step before it as well.
# KEEP_SCREEN=1 keeps the screens and serial logs (in $TMPDIR/elfboot-screen.*).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/qemu.sh
BUILD=${BUILD:-build}
ELFBOOT=$BUILD/elfboot
PART=@@1M
WORK=$(mktemp -d "${TMPDIR:-/tmp}/elfboot-screen.XXXXXX")
trap '[ -n "${KEEP_SCREEN:-}" ] || rm -rf "$WORK"' EXIT

# screen_of NAME IMAGE PATTERN: boots IMAGE under SeaBIOS until PATTERN is on COM1 and
# QEMU has halted, then leaves the screen in $WORK/NAME.screen and COM1 in NAME.serial.
screen_of() {
    local name=$1 image=$2 pattern=$3 pid waited=0 sock=$WORK/$1.qmp
    local -a args
    mapfile -t args < <(qemu_args bios "$image" 128M virtio "")
    : >"$WORK/$name.serial"
    "${args[@]}" -serial "file:$WORK/$name.serial" -qmp "unix:$sock,server=on,wait=off" \
        </dev/null >/dev/null 2>&1 &
    pid=$!
    until grep -Eq -- "$pattern" "$WORK/$name.serial" 2>/dev/null; do
        sleep 0.1; waited=$((waited + 1))
        if [ $waited -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
            kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
            echo "no /$pattern/ on COM1:"; tail -5 "$WORK/$name.serial"; return 1
        fi
    done
    sleep 1 # the screen is written before COM1's last line; let the halt settle
    python3 tests/screen/vga-text.py "$sock" "$WORK/$name.screen"
    local rc=$?
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    return $rc
}

# on_screen NAME TEXT...: each TEXT (fixed strings) is a line of the screen (or starts one).
on_screen() {
    local name=$1 text; shift
    for text in "$@"; do
        grep -qF -- "$text" "$WORK/$name.screen" || {
            echo "not on the screen: '$text'; the screen:"; sed 's/^/|/' "$WORK/$name.screen"
            return 1; }
    done
}

printf 'x' >"$WORK/data.bin"
good() { "$ELFBOOT" build "$BUILD/tests/kernels/bare.elf" -o "$1" --module "$WORK/data.bin:data" >/dev/null; }

# 1. No config.
image=$WORK/no-config.img
if good "$image" && mdel -i "$image$PART" ::/boot/elfboot.cfg &&
   out=$(screen_of no-config "$image" 'elfboot: stopped' 2>&1) &&
   out=$(on_screen no-config "stage 2 from BIOS drive 0x80" \
         "elfboot: error: config: file not found: /boot/elfboot.cfg" \
         "elfboot: stopped; power off or reset the machine." 2>&1); then
    tap_ok "bios screen: no config: the first step, the error and the stop line"
else
    tap_fail "bios screen: no config: the first step, the error and the stop line" "$out"
fi

# 2. serial = off, kernel missing: COM1 quiet but for the error, the screen has it all.
image=$WORK/quiet.img
if good "$image" && printf 'kernel = /boot/nothere.elf\nserial = off\n' >"$WORK/quiet.cfg" &&
   mcopy -o -i "$image$PART" "$WORK/quiet.cfg" ::/boot/elfboot.cfg &&
   out=$(screen_of quiet "$image" 'elfboot: stopped' 2>&1) &&
   out=$(on_screen quiet "stage 2 from BIOS drive 0x80" "boot partition: GPT entry" \
         "elfboot: error: kernel: file not found: /boot/nothere.elf" \
         "elfboot: stopped; power off or reset the machine." 2>&1); then
    if grep -q 'boot partition' "$WORK/quiet.serial"; then
        tap_fail "bios screen: serial = off: every step on the screen, only the error on COM1" \
            "COM1 shows the steps too:" "$(head -5 "$WORK/quiet.serial")"
    else
        tap_ok "bios screen: serial = off: every step on the screen, only the error on COM1"
    fi
else
    tap_fail "bios screen: serial = off: every step on the screen, only the error on COM1" "$out"
fi
