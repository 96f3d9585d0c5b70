#!/usr/bin/env bash
# elfboot run --accel: tcg, kvm, and auto, whose probe boots the firmware of the run
# (SeaBIOS, or OVMF to our loader) under KVM and keeps KVM only when that was quick.
# A fake QEMU (ELFBOOT_QEMU) plays a KVM that is quick or hangs, per firmware; the KVM
# device is a plain file (ELFBOOT_KVM_DEVICE), so these never use the real KVM.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/tool/lib.sh

BEHAVE=$PROTO_KERNELS/behave.elf
export ELFBOOT_KVM_DEVICE=/nonexistent/kvm

tap_expect_fail "bad --accel" "expected tcg, kvm or auto" "$ELFBOOT" run "$BEHAVE" --accel hvf
tap_expect_fail "--accel kvm without /dev/kvm" "cannot open /nonexistent/kvm" "$ELFBOOT" run "$BEHAVE" --accel kvm
expect_run "--accel auto without /dev/kvm: tcg, and says so" 0 "accel auto: using tcg \(/nonexistent/kvm" \
    "$ELFBOOT" run --accel auto "$BEHAVE" --cmdline behave=pass

# The fake QEMU logs each call. Under -accel kvm it hangs when FAKE_KVM_BIOS or
# FAKE_KVM_UEFI (by the firmware it was given) says so; otherwise it prints the line our
# loader stops with (the OVMF probe waits for it) and exits as a kernel writing 0x10.
FAKE=$SCRATCH/fake-qemu
cat >"$FAKE" <<'EOF'
#!/bin/bash
echo "$*" >>"$FAKE_LOG"
fw=BIOS
case " $* " in *if=pflash*) fw=UEFI ;; esac
mode=FAKE_KVM_$fw
case " $* " in *" -accel kvm "*) [ "${!mode}" = hang ] && exec sleep 61.5 ;; esac
echo "elfboot: stopped; power off or reset the machine."
exit 33
EOF
chmod +x "$FAKE"
: >"$SCRATCH/kvm"
export FAKE_LOG=$SCRATCH/fake.log

# auto NAME FIRMWARE REGEX...: `elfboot run -v --accel auto FIRMWARE` under the fake QEMU
# ends with status 0, prints a line matching each REGEX, leaves no temporary file and no
# fake QEMU running.
auto() {
    local name=$1 fw=$2 out rc re
    shift 2
    out=$(ELFBOOT_QEMU=$FAKE ELFBOOT_KVM_DEVICE=$SCRATCH/kvm timeout 60 "$ELFBOOT" run -v --accel auto \
        "$fw" "$BEHAVE" </dev/null 2>&1)
    rc=$?
    [ $rc -eq 0 ] || { tap_fail "$name" "status $rc" "$out"; return; }
    for re in "$@"; do
        echo "$out" | grep -Eq -- "$re" || { tap_fail "$name" "no /$re/ in:" "$out"; return; }
    done
    [ -z "$(ls -A "$TMPDIR")" ] || { tap_fail "$name" "left in TMPDIR: $(ls -A "$TMPDIR")"; return; }
    ! pgrep -f "sleep 61.5" >/dev/null || { tap_fail "$name" "the hanging QEMU still runs"; return; }
    tap_ok "$name"
}
BIOS_PROBE="a SeaBIOS test boot \(a 512-byte boot sector\)"
UEFI_PROBE="an OVMF test boot \(to the elfboot loader\)"

# (a) KVM quick for both firmwares: KVM for both.
export XDG_CACHE_HOME=$SCRATCH/cache-a
FAKE_KVM_BIOS=quick auto "quick probe under SeaBIOS: kvm" --bios \
    "accel auto: using kvm: KVM finished $BIOS_PROBE in [0-9]+ ms$" "running .* -accel kvm "
FAKE_KVM_UEFI=quick auto "quick probe under OVMF: kvm" --uefi \
    "accel auto: using kvm: KVM finished $UEFI_PROBE in [0-9]+ ms$" "running .* -accel kvm .*if=pflash"

# (b) KVM hangs: TCG, and why.
export XDG_CACHE_HOME=$SCRATCH/cache-b
FAKE_KVM_BIOS=hang auto "the probe hangs: tcg, says why, the probe's QEMU stopped" --bios \
    "accel auto: using tcg: KVM did not finish $BIOS_PROBE in 3000 ms \(TCG takes about 150 ms\)$" \
    "running .* -accel tcg "

# (c) KVM fine for SeaBIOS, hanging for OVMF: each firmware gets its own verdict, cached.
export XDG_CACHE_HOME=$SCRATCH/cache-c
export FAKE_KVM_BIOS=quick FAKE_KVM_UEFI=hang
auto "KVM fine for SeaBIOS, not for OVMF: --bios gets kvm" --bios \
    "accel auto: using kvm: KVM finished $BIOS_PROBE" "running .* -accel kvm "
auto "KVM fine for SeaBIOS, not for OVMF: --uefi gets tcg" --uefi \
    "accel auto: using tcg: KVM did not finish $UEFI_PROBE in 8000 ms \(TCG takes about 4500 ms\)$" \
    "running .* -accel tcg .*if=pflash"
: >"$FAKE_LOG"
auto "cached: --bios keeps kvm without probing" --bios "accel auto: using kvm: .*\(cached" "-accel kvm "
auto "cached: --uefi keeps tcg without probing" --uefi "accel auto: using tcg: .*\(cached" "-accel tcg "
tap_check "cached: QEMU ran only for the two boots, no probe" test "$(wc -l <"$FAKE_LOG")" -eq 2
tap_check "the cache holds a verdict per firmware" bash -c "
    cut -f1,3 '$XDG_CACHE_HOME/elfboot/accel-probe' | cut -d' ' -f1 | sort | tr '\t\n' ':,' | grep -qx 'bios:kvm,uefi:tcg,'"
unset FAKE_KVM_BIOS FAKE_KVM_UEFI

# The OVMF probe's disk works: the real QEMU under TCG (in place of a working KVM) boots
# OVMF to our loader's line. TCG is too slow for the verdict to be kvm; the line says so.
cat >"$SCRATCH/tcg-qemu" <<'EOF'
#!/bin/bash
case " $* " in *"file=fat:"*) ;; *) exit 33 ;; esac # the run itself: pretend the kernel passed
args=()
for a in "$@"; do [ "$a" = kvm ] && a=tcg; args+=("$a"); done
exec qemu-system-x86_64 "${args[@]}"
EOF
chmod +x "$SCRATCH/tcg-qemu"
export XDG_CACHE_HOME=$SCRATCH/cache-d
expect_run "the OVMF probe reaches the loader (real QEMU, TCG for KVM)" 0 \
    "accel auto: using tcg: KVM finished $UEFI_PROBE in [0-9]+ ms, not under 3000 ms" \
    env ELFBOOT_QEMU="$SCRATCH/tcg-qemu" ELFBOOT_KVM_DEVICE="$SCRATCH/kvm" "$ELFBOOT" run --accel auto --uefi "$BEHAVE"

# With the real /dev/kvm: a timed SeaBIOS probe (3 s at most), then the cache.
if [ -e /dev/kvm ]; then
    export XDG_CACHE_HOME=$SCRATCH/cache
    ELFBOOT_KVM_DEVICE=/dev/kvm expect_run "--accel auto probes the real KVM and says what it chose" 0 \
        "accel auto: using (tcg|kvm): KVM .*$BIOS_PROBE" "$ELFBOOT" run --accel auto "$BEHAVE" --cmdline behave=pass
    verdict=$(awk -F'\t' '$1 == "bios" {split($3, v, " "); print v[1]}' "$XDG_CACHE_HOME/elfboot/accel-probe" 2>/dev/null)
    ELFBOOT_KVM_DEVICE=/dev/kvm expect_run "--accel auto: the second run uses the cached verdict" 0 \
        "accel auto: using $verdict: .*\(cached" "$ELFBOOT" run --accel auto "$BEHAVE" --cmdline behave=pass
else
    tap_ok "--accel auto probe with the real KVM: no /dev/kvm on this machine (skipped)"
fi
