# tests/tool/: the host tool's tests: small kernels of its own (the protocol's test
# kernels live in tests/kernels/), cmocka units of its pure parts, and TAP suites that
# run build/san/elfboot (ASan + UBSan) unless ELFBOOT says otherwise.

TOOL_TEST_KERNELS := $(addprefix $(BUILD)/tests/tool/,tiny.elf tiny32.elf mixed.elf \
                     odd-entry.elf debug-heavy.elf stray-entry.elf request-fb.elf request-text.elf)

$(BUILD)/tests/tool/%.o: tests/tool/kernels/%.S
	@mkdir -p $(@D)
	$(CC) -c $< -o $@
$(BUILD)/tests/tool/tiny.elf: $(BUILD)/tests/tool/tiny.o tests/tool/kernels/higher-half.ld
	ld -nostdlib -static -z max-page-size=4096 -T tests/tool/kernels/higher-half.ld $< -o $@
$(BUILD)/tests/tool/mixed.elf: $(BUILD)/tests/tool/tiny.o tests/tool/kernels/mixed.ld
	ld -nostdlib -static -z max-page-size=4096 -T tests/tool/kernels/mixed.ld $< -o $@
$(BUILD)/tests/tool/odd-entry.elf: $(BUILD)/tests/tool/tiny.o tests/tool/kernels/odd-entry.ld
	ld -nostdlib -static -z max-page-size=4096 --no-warn-rwx-segments -T tests/tool/kernels/odd-entry.ld $< -o $@
$(BUILD)/tests/tool/debug-heavy.elf: $(BUILD)/tests/tool/tiny.o $(BUILD)/tests/tool/debug-heavy.o tests/tool/kernels/higher-half.ld
	ld -nostdlib -static -z max-page-size=4096 -T tests/tool/kernels/higher-half.ld $(filter %.o,$^) -o $@
$(BUILD)/tests/tool/stray-entry.elf: $(BUILD)/tests/tool/stray-entry.o tests/tool/kernels/higher-half.ld
	ld -nostdlib -static -z max-page-size=4096 -T tests/tool/kernels/higher-half.ld -e 0xffffffff80000001 $< -o $@
# The tiny kernel with a request: a preferred 1024x768 mode, or text mode (ELFBOOT_REQ_NO_FRAMEBUFFER).
$(BUILD)/tests/tool/request-fb.o: tests/tool/kernels/request.S
	@mkdir -p $(@D)
	$(CC) -DFB_WIDTH=1024 -DFB_HEIGHT=768 -c $< -o $@
$(BUILD)/tests/tool/request-text.o: tests/tool/kernels/request.S
	@mkdir -p $(@D)
	$(CC) -DFLAGS=8 -c $< -o $@
$(BUILD)/tests/tool/request-%.elf: $(BUILD)/tests/tool/tiny.o $(BUILD)/tests/tool/request-%.o tests/tool/kernels/higher-half.ld
	ld -nostdlib -static -z max-page-size=4096 -T tests/tool/kernels/higher-half.ld $(filter %.o,$^) -o $@
$(BUILD)/tests/tool/tiny32.o: tests/tool/kernels/tiny32.S
	@mkdir -p $(@D)
	$(CC) -m32 -c $< -o $@
$(BUILD)/tests/tool/tiny32.elf: $(BUILD)/tests/tool/tiny32.o
	ld -m elf_i386 -nostdlib -static -e kernel_start -Ttext=0x100000 $< -o $@

TEST_DEPS += $(TOOL_TEST_KERNELS)

# imgcheck: an image reader of its own, for the suites' structure checks.
TOOL_IMGCHECK := $(BUILD)/tests/tool/imgcheck
$(TOOL_IMGCHECK): tests/tool/imgcheck.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -g $(WARN) $(SANITIZE) $< -o $@

# cmocka units of the tool's pure parts, linked with the sanitized objects.
TOOL_UNITS := $(patsubst tests/tool/unit/%.c,$(BUILD)/tests/tool/%,$(wildcard tests/tool/unit/test_*.c))
TOOL_UNIT_OBJS = $(filter-out %/main.o,$(TOOL_SAN_OBJS))
$(BUILD)/tests/tool/test_%: tests/tool/unit/test_%.c $(TOOL_UNIT_OBJS) $(CORE_SAN)
	@mkdir -p $(@D)
	$(CC) $(filter-out -MMD -MP,$(TOOL_CFLAGS)) -O1 $(SANITIZE) $< $(TOOL_UNIT_OBJS) $(CORE_SAN) $(TOOL_LIBS) -lcmocka -o $@

TEST_DEPS += $(TOOL_IMGCHECK) $(TOOL_UNITS)
TEST_SUITES += $(TOOL_UNITS)
TEST_SUITES += tests/tool/build.sh
TEST_SUITES += tests/tool/check.sh
TEST_SUITES += tests/tool/run.sh
TEST_SUITES += tests/tool/accel.sh
TEST_SUITES += tests/tool/runner.sh
TEST_SUITES += tests/tool/iso.sh

# libFuzzer targets of the tool's own parsers (make fuzz), and their replays of the seeds
# in tests/tool/fuzz/seeds/ (make test). The tool's sources take the core's headers by
# -iquote (libelf needs the system <elf.h>), so these have rules of their own.
TOOL_FUZZ_NAMES := $(patsubst tests/tool/fuzz/fuzz_%.c,%,$(wildcard tests/tool/fuzz/fuzz_tool_*.c))
TOOL_FUZZ_SRCS_tool_elf := imagetool/elfscan.c imagetool/util.c imagetool/cleanup.c
TOOL_FUZZ_SRCS_tool_runconf := imagetool/runconf.c imagetool/settings.c imagetool/util.c \
    imagetool/cli.c imagetool/inputs.c imagetool/bootcfg.c imagetool/cleanup.c imagetool/help.c
TOOL_FUZZ_SRCS_tool_iso9660 := imagetool/iso9660.c
TOOL_FUZZ_FLAGS := -std=gnu11 -g -O1 -Iinclude -iquote bootloader -Iimagetool -D_GNU_SOURCE \
                   -DELFBOOT_VERSION='"fuzz"'
TOOL_FUZZ_DEPS := $(sort $(foreach n,$(TOOL_FUZZ_NAMES),$(TOOL_FUZZ_SRCS_$(n)))) $(CORE_SRCS) \
                  $(CORE_HEADERS) $(wildcard imagetool/*.h)
$(BUILD)/fuzz/fuzz_tool_%: tests/tool/fuzz/fuzz_tool_%.c $(TOOL_FUZZ_DEPS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(TOOL_FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    $< $(TOOL_FUZZ_SRCS_tool_$*) $(CORE_SRCS) bootloader/trampoline.S -lelf -lz -lxxhash -o $@
$(BUILD)/tests/tool/replay_tool_%: tests/tool/fuzz/fuzz_tool_%.c tests/fuzz/replay_main.c $(TOOL_FUZZ_DEPS)
	@mkdir -p $(@D)
	$(CC) $(TOOL_FUZZ_FLAGS) $(WARN) $(SANITIZE) $< tests/fuzz/replay_main.c \
	    $(TOOL_FUZZ_SRCS_tool_$*) $(CORE_SRCS) bootloader/trampoline.S -lelf -lz -lxxhash -o $@

FUZZ_TARGETS += $(addprefix $(BUILD)/fuzz/fuzz_,$(TOOL_FUZZ_NAMES))
TEST_DEPS += $(addprefix $(BUILD)/tests/tool/replay_,$(TOOL_FUZZ_NAMES))
TEST_SUITES += tests/tool/fuzz-replay.sh
