#!/usr/bin/env bash
# elfboot runner: test-mode exit codes (success, failure, triple fault, timeout), test
# mode from cargo's deps/ folder, settings and their precedence (flags > ELFBOOT_* >
# [package.metadata.elfboot] > [package.metadata.bootimage] > elfboot-runner.conf),
# cargo metadata, bootimage's keys.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/kernels/conformance.sh
. tests/tool/lib.sh

BEHAVE=$PROTO_KERNELS/behave.elf
export ELFBOOT_KVM_DEVICE=/nonexistent/kvm

# A cargo project of a kernel, as cargo lays out its binaries.
PROJ=$SCRATCH/proj
DEPS=$PROJ/target/x86_64-unknown-none/debug/deps
mkdir -p "$PROJ/src" "$DEPS" "$PROJ/data"
echo 'fn main() {}' >"$PROJ/src/main.rs"
TEST_BIN=$DEPS/my_kernel-0123456789abcdef
RUN_BIN=$PROJ/target/x86_64-unknown-none/debug/my-kernel
cp "$BEHAVE" "$TEST_BIN"
cp "$BEHAVE" "$RUN_BIN"
manifest() { # the [package.metadata...] tables, as TOML text
    printf '[package]\nname = "my-kernel"\nversion = "0.1.0"\nedition = "2021"\n\n%s\n' "$1" \
        >"$PROJ/Cargo.toml"
}
manifest ""

# runner NAME EXPECTED-STATUS OUTPUT-REGEX ARGS...: `elfboot runner ARGS`, time-limited.
runner() { local n=$1 w=$2 r=$3; shift 3; expect_run "$n" "$w" "$r" "$ELFBOOT" runner "$@"; }

# ---- exit codes in test mode, each with its message; serial output passes through ----
runner "test passes: status 0, serial passed through" 0 "behave: pass" --test "$BEHAVE" behave=pass
runner "test fails: status 1, says which code" 1 "test failed: the kernel wrote 0x11" --test "$BEHAVE" behave=fail
runner "triple fault: status 2, says so" 2 "test failed: triple fault" --test "$BEHAVE" behave=triple
runner "timeout: status 3, says so" 3 "test failed: timed out after 3 s" --test --timeout 3 "$BEHAVE" behave=hang
no_qemu_left() { # NAME: no QEMU of ours (its image is in our TMPDIR) still runs
    sleep 0.2
    if pgrep -f "qemu-system-x86_64.*$TMPDIR" >/dev/null; then tap_fail "$1" "$(pgrep -af "qemu-system-x86_64.*$TMPDIR")"
    else tap_ok "$1"; fi
}
no_qemu_left "timeout: no QEMU process left"
# Test mode is headless and stops at a reset whatever the desktop: with DISPLAY and
# WAYLAND_DISPLAY set, QEMU's line still has -display none, -no-reboot, isa-debug-exit.
out=$(DISPLAY=:0 WAYLAND_DISPLAY=wayland-0 timeout 200 "$ELFBOOT" runner -v --test "$BEHAVE" behave=pass </dev/null 2>&1)
rc=$?
line=$(echo "$out" | grep "running ")
missing=
for re in " -display none( |$)" " -no-reboot( |$)" " -device isa-debug-exit,iobase=0xf4,iosize=0x04( |$)"; do
    echo "$line" | grep -Eq -- "$re" || missing+=" /$re/"
done
if [ $rc -eq 0 ] && [ -z "$missing" ]; then tap_ok "test mode with DISPLAY set: -display none, -no-reboot, isa-debug-exit"
else tap_fail "test mode with DISPLAY set: -display none, -no-reboot, isa-debug-exit" "status $rc, missing$missing" "$line"; fi
runner "--success-code changes what passes" 0 "test passed" --test --success-code 0x11 "$BEHAVE" behave=fail
runner "test mode under UEFI" 0 "test passed" --test --uefi "$BEHAVE" behave=pass

# ---- test mode from the folder, run mode otherwise ----
runner "a kernel in deps/ runs in test mode" 1 "test failed" "$TEST_BIN" behave=fail
runner "--no-test: run mode even in deps/, status as elfboot run" 17 "behave: fail" --no-test "$TEST_BIN" behave=fail
runner "outside deps/: run mode, the kernel's code is the status" 17 "behave: fail" "$RUN_BIN" behave=fail
(cd "$DEPS" && runner "a relative kernel path works" 0 "test passed" ./my_kernel-0123456789abcdef behave=pass)
runner "ARGS are added to the command line" 0 "behave: pass" --cmdline "first=1" --test "$BEHAVE" behave=pass
runner "QEMU arguments after --" 0 "running .* -smp 2" -v --test "$BEHAVE" behave=pass -- -smp 2

# ---- settings, strongest first: flags, environment, elfboot metadata, bootimage, file ----
manifest $'[package.metadata.elfboot]\ncmdline = "behave=pass"'
runner "[package.metadata.elfboot] cmdline applies" 0 "test passed" "$TEST_BIN"
manifest $'[package.metadata.elfboot]\ncmdline = "behave=fail"'
ELFBOOT_CMDLINE=behave=pass runner "environment beats Cargo.toml" 0 "test passed" "$TEST_BIN"
ELFBOOT_CMDLINE=behave=pass runner "a flag beats the environment" 1 "test failed" --cmdline behave=fail "$TEST_BIN"
manifest $'[package.metadata.bootimage]\ntest-success-exit-code = 35'
runner "bootimage's test-success-exit-code is a QEMU status (35: 0x11 passes)" 0 "test passed" "$TEST_BIN" behave=fail
manifest $'[package.metadata.elfboot]\ntest-success-exit-code = 0x10\n[package.metadata.bootimage]\ntest-success-exit-code = 35'
runner "[package.metadata.elfboot] beats [package.metadata.bootimage]" 1 "test failed" "$TEST_BIN" behave=fail
manifest ""
printf '# settings without cargo\ncmdline = behave=pass\n' >"$DEPS/elfboot-runner.conf"
runner "elfboot-runner.conf beside the kernel applies" 0 "test passed" "$TEST_BIN"
manifest $'[package.metadata.elfboot]\ncmdline = "behave=fail"'
runner "Cargo.toml beats elfboot-runner.conf" 1 "test failed" "$TEST_BIN"
rm "$DEPS/elfboot-runner.conf"
printf 'cmdline = behave=pass\n' >"$SCRATCH/named.conf"
manifest ""
ELFBOOT_RUNNER_CONFIG=$SCRATCH/named.conf runner "ELFBOOT_RUNNER_CONFIG names the file" 0 "test passed" "$TEST_BIN"

manifest $'[package.metadata.elfboot]\nfirmware = "uefi"\nmemory = "512M"\ntest-timeout = 60\nmodules = ["data/a.bin:first"]\ntest-args = ["-d", "int"]'
ELFBOOT_MEMORY=1G runner "--print-settings names each source" 0 \
    "memory +1024M +\(ELFBOOT_\* environment\)" --print-settings --bios "$TEST_BIN"
out=$("$ELFBOOT" runner --print-settings "$TEST_BIN" 2>&1)
for re in "firmware +uefi +\(Cargo.toml \[package.metadata.elfboot\]\)" "test-timeout +60 s" \
          "modules +$PROJ/data/a.bin:first " "test-args +-d int " "mode +test"; do
    echo "$out" | grep -Eq -- "$re" || { tap_fail "metadata: firmware, timeout, modules (relative to Cargo.toml), test-args" "no /$re/" "$out"; break; }
done
[ "$re" = "mode +test" ] && echo "$out" | grep -Eq -- "$re" && tap_ok "metadata: firmware, timeout, modules (relative to Cargo.toml), test-args"

# CARGO_MANIFEST_DIR (cargo sets it) wins over the folders above the kernel.
cp "$BEHAVE" "$SCRATCH/elsewhere-kernel"
manifest $'[package.metadata.elfboot]\ncmdline = "behave=pass"'
CARGO_MANIFEST_DIR=$PROJ runner "CARGO_MANIFEST_DIR locates Cargo.toml" 0 "test passed" --test "$SCRATCH/elsewhere-kernel"
# Without cargo the metadata cannot be read: a warning, and the other sources still apply.
NO_CARGO_PATH=/usr/local/sbin:/usr/sbin:/sbin:/usr/bin:/bin
if PATH=$NO_CARGO_PATH command -v cargo >/dev/null; then
    tap_ok "without cargo: skipped, cargo is in /usr/bin here"
else
    manifest $'[package.metadata.elfboot]\ncmdline = "behave=fail"'
    printf 'cmdline = behave=pass\n' >"$DEPS/elfboot-runner.conf"
    (unset CARGO; PATH=$NO_CARGO_PATH runner "without cargo: a warning, elfboot-runner.conf still applies" 0 \
        "cannot run 'cargo'.*" "$TEST_BIN")
    rm "$DEPS/elfboot-runner.conf"
fi

# The end-to-end check: modules and command line from the metadata, as the kernel sees them.
head -c 150000 /dev/urandom >"$PROJ/data/a.bin"
cp "$PROTO_KERNELS/conformance.elf" "$DEPS/conformance-0123456789abcdef"
cmdline=$(conformance_cmdline bios 256M "$PROJ/data/a.bin:first")
manifest "$(printf '[package.metadata.elfboot]\nmodules = ["data/a.bin:first"]\ncmdline = "%s"' "$cmdline")"
runner "metadata modules and cmdline reach the kernel (conformance kernel checks)" 0 "SUMMARY .* 0 failed" \
    "$DEPS/conformance-0123456789abcdef"

# ---- run-args: QEMU arguments outside test mode, from each source, strongest wins ----
# Each source alone reaches QEMU's command line (-v prints it); the kernel still boots.
RUN_CONF=$PROJ/elfboot-runner.conf
printf 'run-args = -name from-conf\n' >"$RUN_CONF"
runner "run-args from elfboot-runner.conf reach QEMU" 0 "running .* -name from-conf( |$)" -v "$RUN_BIN" behave=pass
manifest $'[package.metadata.bootimage]\nrun-args = ["-name", "from-bootimage"]'
runner "run-args from [package.metadata.bootimage] reach QEMU" 0 "running .* -name from-bootimage( |$)" \
    -v "$RUN_BIN" behave=pass
manifest $'[package.metadata.elfboot]\nrun-args = ["-name", "from-elfboot"]'
runner "run-args from [package.metadata.elfboot] reach QEMU" 0 "running .* -name from-elfboot( |$)" \
    -v "$RUN_BIN" behave=pass
ELFBOOT_RUN_ARGS="-name from-env" runner "ELFBOOT_RUN_ARGS reaches QEMU, QEMU arguments after -- are added" 0 \
    "running .* -name from-env -smp 2$" -v "$RUN_BIN" behave=pass -- -smp 2
# Precedence, with every source set: environment, elfboot, bootimage, file.
run_args_from() { # NAME EXPECTED-ARGS EXPECTED-SOURCE: --print-settings says so
    local out
    out=$("$ELFBOOT" runner --print-settings "$RUN_BIN" 2>&1)
    if echo "$out" | grep -Eq -- "^run-args +$2 +\($3\)$"; then tap_ok "$1"
    else tap_fail "$1" "expected run-args $2 ($3):" "$(echo "$out" | grep run-args)"; fi
}
manifest $'[package.metadata.elfboot]\nrun-args = ["-name", "from-elfboot"]\n[package.metadata.bootimage]\nrun-args = ["-name", "from-bootimage"]'
ELFBOOT_RUN_ARGS="-name from-env" run_args_from "run-args: the environment beats Cargo.toml and the file" \
    "-name from-env" "ELFBOOT_\* environment"
run_args_from "run-args: [package.metadata.elfboot] beats bootimage's and the file's" \
    "-name from-elfboot" "Cargo.toml \[package.metadata.elfboot\]"
manifest $'[package.metadata.bootimage]\nrun-args = ["-name", "from-bootimage"]'
run_args_from "run-args: [package.metadata.bootimage] beats the file's" \
    "-name from-bootimage" "Cargo.toml \[package.metadata.bootimage\]"
manifest ""
run_args_from "run-args: the file's when nothing else sets them" "-name from-conf" "$RUN_CONF"
# Test mode takes test-args, never run-args.
manifest $'[package.metadata.elfboot]\nrun-args = ["-name", "from-elfboot"]\ntest-args = ["-name", "test-args"]'
out=$(timeout 200 "$ELFBOOT" runner -v --test "$RUN_BIN" behave=pass </dev/null 2>&1)
if [ $? -eq 0 ] && echo "$out" | grep -Eq "running .* -name test-args( |$)" && ! echo "$out" | grep -q from-elfboot
then tap_ok "test mode: test-args on QEMU's line, run-args not"
else tap_fail "test mode: test-args on QEMU's line, run-args not" "$(echo "$out" | grep running)"; fi
# One real boot where run-args change what the kernel sees: -m 192M from the file, after
# the default -m 256M; the conformance kernel checks the memory it got against mem=192M.
manifest ""
cp "$PROTO_KERNELS/conformance.elf" "$PROJ/target/x86_64-unknown-none/debug/conformance"
printf 'run-args = -m 192M\n' >"$RUN_CONF"
runner "run-args reach the machine: -m 192M, the conformance kernel sees 192 MiB" 0 "SUMMARY .* 0 failed" \
    "$PROJ/target/x86_64-unknown-none/debug/conformance" "$(conformance_cmdline bios 192M)"
rm "$RUN_CONF"

# ---- bootimage projects: their keys keep their meaning ----
manifest '[package.metadata.bootimage]
test-args = ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-serial", "stdio", "-display", "none"]
test-success-exit-code = 33
test-timeout = 120
run-command = ["qemu-system-x86_64", "-drive", "format=raw,file={}"]'
runner "bootimage project (test-args with its own isa-debug-exit and serial) passes" 0 "test passed" "$TEST_BIN" behave=pass
runner "bootimage keys with no meaning here: a warning" 0 "'run-command' has no meaning for elfboot" "$TEST_BIN" behave=pass
manifest $'[package.metadata.bootimage]\nbuild-command = ["build"]'
out=$("$ELFBOOT" runner --print-settings "$TEST_BIN" 2>&1)
if [ $? -eq 0 ] && echo "$out" | grep -q "Cargo.toml \[package.metadata.bootimage\]: 'build-command' has no meaning for elfboot, ignored"
then tap_ok "bootimage's build-command: a warning, nothing else changes"
else tap_fail "bootimage's build-command: a warning, nothing else changes" "$out"; fi
manifest $'[package.metadata.bootimage]\ntest-no-reboot = false\ntest-timeout = 4'
runner "bootimage test-no-reboot = false: a triple fault reboots until the timeout" 3 "timed out after 4 s" "$TEST_BIN" behave=triple
manifest ""

# ---- wrong settings and kernels: status 4 with the reason ----
ELFBOOT_FIRMWARE=coreboot runner "bad environment value: status 4, names the source" 4 \
    "ELFBOOT_\* environment: firmware 'coreboot': expected bios or uefi" "$TEST_BIN"
manifest $'[package.metadata.elfboot]\nmemory = "lots"'
runner "bad metadata value: names Cargo.toml" 4 "package.metadata.elfboot\]: memory 'lots'" "$TEST_BIN"
manifest $'[package.metadata.elfboot]\nmodules = "a.bin"'
runner "metadata list given as a string" 4 "modules takes a list of strings" "$TEST_BIN"
manifest ""
ELFBOOT_QEMU=/nonexistent runner "QEMU missing: status 4, says so, nothing left" 4 \
    "cannot run QEMU '/nonexistent' \(ELFBOOT_QEMU\)" --test "$BEHAVE" behave=pass
ELFBOOT_OVMF_CODE=/nowhere/OVMF_CODE.fd runner "OVMF missing: status 4, names the file" 4 \
    "ELFBOOT_OVMF_CODE names '/nowhere/OVMF_CODE.fd': No such file" --test --uefi "$BEHAVE" behave=pass
runner "missing kernel: status 4" 4 "kernel '.*none' not found" "$SCRATCH/none"
runner "refused kernel: status 4, the core's reason" 4 "would not boot" --test "$KERNELS/mixed.elf"
tap_expect_fail "no kernel: usage" "no KERNEL given" "$ELFBOOT" runner --test
help_tests runner
