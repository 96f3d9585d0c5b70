#!/usr/bin/env bash
# BIOS failure tests: every boot-time failure of tests/boot/fail-cases.sh under SeaBIOS
# (the table there, shared with uefi-fail.sh), plus stage 1's and the partition table's.
FIRMWARE=bios
. "$(dirname "$0")/fail-cases.sh"
run_fail_cases
