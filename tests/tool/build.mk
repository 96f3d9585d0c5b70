# tests/tool/: the host tool's tests: small kernels of its own (the protocol's test
# kernels live in tests/kernels/), cmocka units of its pure parts, and TAP suites that
# run build/san/elfboot (ASan + UBSan) unless ELFBOOT says otherwise.

TOOL_TEST_KERNELS := $(addprefix $(BUILD)/tests/tool/,tiny.elf tiny32.elf mixed.elf \
                     odd-entry.elf debug-heavy.elf)

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
TEST_SUITES += tests/tool/runner.sh
TEST_SUITES += tests/tool/iso.sh
