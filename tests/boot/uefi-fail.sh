#!/usr/bin/env bash
# UEFI failure tests: every boot-time failure of tests/boot/fail-cases.sh under OVMF (the
# table there, shared with bios-fail.sh).
FIRMWARE=uefi
. "$(dirname "$0")/fail-cases.sh"
run_fail_cases
