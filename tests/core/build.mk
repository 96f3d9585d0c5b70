# tests/core/: unit tests of the core (bootloader/), run as a host process under ASan and
# UBSan against real ELF files built here, and the protocol-header test.

CORE_TEST_DIR := $(BUILD)/tests/core
CORE_TEST_ELFS := $(addprefix $(CORE_TEST_DIR)/,higher.elf low.elf tls.elf request.elf \
                    pie.elf pie-shared.elf pie-relr.elf kaslr.elf)

KERNEL_CFLAGS := -std=gnu11 -O2 -ffreestanding -fno-stack-protector -mno-red-zone \
                 -mno-mmx -mno-sse -mno-sse2 -nostdlib -Iinclude $(WARN) -Wno-unused
REQ_FLAGS_DEF = -DREQUEST_FLAGS=$(1) -DREQUEST_STACK=$(2) -DREQUEST_HHDM=$(3)

$(CORE_TEST_DIR)/%.o: tests/core/elfs/kernel.c include/elfboot.h
	@mkdir -p $(@D)
	$(CC) $(KERNEL_CFLAGS) $(ELF_CFLAGS) -c $< -o $@

$(CORE_TEST_DIR)/higher.o: ELF_CFLAGS := -fno-pic -mcmodel=kernel
$(CORE_TEST_DIR)/low.o: ELF_CFLAGS := -fno-pic -mcmodel=small
$(CORE_TEST_DIR)/tls.o: ELF_CFLAGS := -fno-pic -mcmodel=kernel -DWITH_TLS
$(CORE_TEST_DIR)/request.o: ELF_CFLAGS := -fno-pic -mcmodel=kernel \
    $(call REQ_FLAGS_DEF,'(ELFBOOT_REQ_NO_IDENTITY_MAP|ELFBOOT_REQ_RECURSIVE_MAP)',0x20000,0xffffa00000000000ull)
$(CORE_TEST_DIR)/pie.o: ELF_CFLAGS := -fpie
$(CORE_TEST_DIR)/pie-shared.o: ELF_CFLAGS := -fPIC
$(CORE_TEST_DIR)/pie-relr.o: ELF_CFLAGS := -fpie
$(CORE_TEST_DIR)/kaslr.o: ELF_CFLAGS := -fpie $(call REQ_FLAGS_DEF,ELFBOOT_REQ_KASLR,0,0)

$(CORE_TEST_DIR)/higher.elf $(CORE_TEST_DIR)/tls.elf $(CORE_TEST_DIR)/request.elf: $(CORE_TEST_DIR)/%.elf: $(CORE_TEST_DIR)/%.o tests/core/elfs/higher.ld
	ld -nostdlib -static -T tests/core/elfs/higher.ld --defsym=KERNEL_BASE=0xffffffff80000000 $< -o $@
$(CORE_TEST_DIR)/low.elf: $(CORE_TEST_DIR)/low.o tests/core/elfs/higher.ld
	ld -nostdlib -static -T tests/core/elfs/higher.ld --defsym=KERNEL_BASE=0x200000 $< -o $@
$(CORE_TEST_DIR)/pie.elf $(CORE_TEST_DIR)/kaslr.elf: $(CORE_TEST_DIR)/%.elf: $(CORE_TEST_DIR)/%.o
	ld -nostdlib -pie --no-dynamic-linker -z separate-code -z relro -z now -e kmain $< -o $@
$(CORE_TEST_DIR)/pie-relr.elf: $(CORE_TEST_DIR)/pie-relr.o
	ld -nostdlib -pie --no-dynamic-linker -z separate-code -z pack-relative-relocs -e kmain $< -o $@
$(CORE_TEST_DIR)/pie-shared.elf: $(CORE_TEST_DIR)/pie-shared.o
	ld -nostdlib -shared -z separate-code -e kmain $< -o $@

CORE_TEST_SRCS := $(wildcard tests/core/test_*.c)
CORE_TEST_BINS := $(patsubst tests/core/%.c,$(CORE_TEST_DIR)/%,$(CORE_TEST_SRCS))
CORE_TEST_SUPPORT := tests/core/sim.c tests/core/walk.c tests/core/boot.c

$(CORE_TEST_DIR)/test_%: tests/core/test_%.c $(CORE_TEST_SUPPORT) tests/core/*.h $(CORE_SAN)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -Wno-missing-field-initializers -O1 $(SANITIZE) -Itests/core -DTEST_ELF_DIR='"$(CORE_TEST_DIR)"' \
	    $< $(CORE_TEST_SUPPORT) $(CORE_SAN) -lcmocka -lelf -o $@

# The protocol text against the header: offsets generated from docs/protocol.md.
$(CORE_TEST_DIR)/protocol_text.h: docs/protocol.md tests/core/protocol-structs.sh
	@mkdir -p $(@D)
	tests/core/protocol-structs.sh $< > $@
$(CORE_TEST_DIR)/test_header: $(CORE_TEST_DIR)/protocol_text.h
$(CORE_TEST_DIR)/test_header: HOST_CFLAGS += -I$(CORE_TEST_DIR)

TEST_DEPS += $(CORE_TEST_ELFS) $(CORE_TEST_BINS)
TEST_SUITES += $(CORE_TEST_BINS)
