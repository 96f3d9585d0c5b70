# elfboot: one entry point.
#   make            build everything (installs missing Debian packages when run as root)
#   make run        build, then boot the example kernel in QEMU
#   make test       all tests; ends with "N passed, N failed"
#   make fuzz       every fuzz target for a bounded time (FUZZ_SECONDS each)
#   make bench      speed and size figures against floors measured in the same run
#   make install    PREFIX=/usr/local: the elfboot tool and include/elfboot.h
#
# Each folder owns its rules in <folder>/build.mk; this file holds what they share.

BUILD   ?= build
PREFIX  ?= /usr/local
VERSION := 1.0.0

# Host compiler for the tool and the unit tests; CC=clang builds the same with clang.
CC      ?= gcc
ifeq ($(origin CC),default)
CC      := gcc
endif
WARN    := -Wall -Wextra -Werror
HOST_CFLAGS  := -std=gnu11 -O2 -g $(WARN) -Iinclude -Ibootloader -DELFBOOT_VERSION='"$(VERSION)"'
SANITIZE     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# The freestanding x86_64 flags every loader-side object is built with: no libc, no red
# zone (firmware interrupts may run on our stack), no SSE/x87 (not set up in every mode
# we run in), position independent (GNU-EFI images are PIE; the BIOS long-mode part links
# the same objects statically).
LOADER_CC     ?= gcc
LOADER_CFLAGS := -std=gnu11 -Os -g $(WARN) -ffreestanding -fno-stack-protector \
                 -fno-stack-check -fno-strict-aliasing -fpic -fshort-wchar -mno-red-zone \
                 -mno-mmx -mno-sse -mno-sse2 -mno-80387 -fno-asynchronous-unwind-tables \
                 -Iinclude -Ibootloader -DELFBOOT_VERSION='"$(VERSION)"'

# The loaders, as the image writer embeds them (rules in bios/build.mk, uefi/build.mk).
UEFI_LOADER := $(BUILD)/uefi/BOOTX64.EFI
BIOS_STAGE1 := $(BUILD)/bios/stage1.bin
BIOS_STAGE2 := $(BUILD)/bios/stage2.bin
ELFBOOT     := $(BUILD)/elfboot

# Filled in by the folders' build.mk files.
ALL_TARGETS  :=   # what `make` builds
TEST_DEPS    :=   # what `make test` builds beyond ALL_TARGETS
TEST_SUITES  :=   # suites the test harness runs (executables or .sh scripts printing TAP)
FUZZ_TARGETS :=   # libFuzzer binaries, run by `make fuzz`
BENCH_DEPS   :=

.PHONY: all deps run test fuzz bench install clean
.DEFAULT_GOAL := all

# Run before anything is compiled: it installs what is missing, or says how to.
DEPS_OK := $(shell scripts/deps.sh $(if $(filter fuzz,$(MAKECMDGOALS)),--fuzz) >&2 && echo ok)
ifneq ($(DEPS_OK),ok)
$(error missing Debian packages, see above)
endif

include bootloader/build.mk
-include uefi/build.mk
-include bios/build.mk
-include imagetool/build.mk
-include tests/build.mk
-include examples/build.mk
-include rust/build.mk
# Last: its bench rule names ALL_TARGETS, which every fragment above fills in.
-include bench/build.mk

all: $(ALL_TARGETS)

# The example kernel (examples/build.mk) booted with the tool: its boot info on this
# terminal. RUN_ARGS adds options, e.g. make run RUN_ARGS=--uefi
EXAMPLE_KERNEL ?= $(BUILD)/examples/hello.elf
run: $(ALL_TARGETS)
	$(ELFBOOT) run $(EXAMPLE_KERNEL) --cmdline "console=ttyS0 hello from make run" \
	    --module README.md:readme $(RUN_ARGS)

test: $(ALL_TARGETS) $(TEST_DEPS)
	@BUILD=$(BUILD) tests/run-all.sh $(TEST_SUITES)

fuzz: $(FUZZ_TARGETS)
	@tests/fuzz/run-fuzz.sh $(FUZZ_TARGETS)

clean:
	rm -rf $(BUILD)

install: $(ALL_TARGETS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include
	install -m 644 include/elfboot.h $(DESTDIR)$(PREFIX)/include/elfboot.h
	$(if $(wildcard imagetool/build.mk),install -m 755 $(BUILD)/elfboot $(DESTDIR)$(PREFIX)/bin/elfboot)
