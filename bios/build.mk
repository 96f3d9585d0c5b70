# bios/: stage 1 (the MBR code) and stage 2 (16-bit entry, 32-bit BIOS part, 64-bit part
# with the core). Products: $(BIOS_STAGE1), $(BIOS_STAGE2).

BIOS_OUT := $(BUILD)/bios

# Stage 2's 32-bit part: freestanding i686, no libgcc (64-bit division: divide64.c).
BIOS_CFLAGS32 := -m32 -march=i686 -std=gnu11 -Os -g $(WARN) -ffreestanding -fno-pic \
                 -fno-stack-protector -fno-stack-check -fno-strict-aliasing -mno-mmx \
                 -mno-sse -mno-sse2 -mno-80387 -fno-asynchronous-unwind-tables \
                 -Ibios -Iinclude -Ibootloader -DELFBOOT_VERSION='"$(VERSION)"'
BIOS_ASFLAGS32 := -m32 -Ibios

BIOS_SRCS32      := main.c console.c disk.c partition.c fat.c e820.c memory.c files.c \
                    audit.c vbe.c acpi.c cmos.c pic.c longmode.c divide64.c
# The core's pure files, built -m32 as well (config, allocator, printf, ELF reader).
BIOS_CORE_SRCS32 := config.c physmem.c memmap.c format.c status.c video.c elf.c \
                    reloc.c request.c libc.c serial.c clock.c audit.c crc.c
BIOS_ASM32       := entry16.S thunk.S jump64.S

BIOS_OBJS32 := $(patsubst %.S,$(BIOS_OUT)/32/%.o,$(BIOS_ASM32)) \
               $(patsubst %.c,$(BIOS_OUT)/32/%.o,$(BIOS_SRCS32)) \
               $(patsubst %.c,$(BIOS_OUT)/32/core/%.o,$(BIOS_CORE_SRCS32)) \
               $(BIOS_OUT)/32/long64.o
BIOS_OBJS64 := $(BIOS_OUT)/64/entry64.o $(BIOS_OUT)/64/main64.o $(BIOS_OUT)/64/console.o

BIOS_HEADERS := $(wildcard bios/*.h) $(CORE_HEADERS)

$(BIOS_OUT)/32/%.o: bios/%.c $(BIOS_HEADERS)
	@mkdir -p $(@D)
	$(LOADER_CC) $(BIOS_CFLAGS32) -c $< -o $@
$(BIOS_OUT)/32/core/%.o: bootloader/%.c $(BIOS_HEADERS)
	@mkdir -p $(@D)
	$(LOADER_CC) $(BIOS_CFLAGS32) -c $< -o $@
$(BIOS_OUT)/32/%.o: bios/%.S bios/layout.h
	@mkdir -p $(@D)
	$(LOADER_CC) $(BIOS_ASFLAGS32) -c $< -o $@
$(BIOS_OUT)/32/long64.o: bios/long64.S $(BIOS_OUT)/long64.bin
	@mkdir -p $(@D)
	$(LOADER_CC) $(BIOS_ASFLAGS32) -DLONG64_BIN='"$(BIOS_OUT)/long64.bin"' -c $< -o $@

$(BIOS_OUT)/64/%.o: bios/%.c $(BIOS_HEADERS)
	@mkdir -p $(@D)
	$(LOADER_CC) $(LOADER_CFLAGS) -Ibios -c $< -o $@
$(BIOS_OUT)/64/%.o: bios/%.S
	@mkdir -p $(@D)
	$(LOADER_CC) -Ibios -c $< -o $@

$(BIOS_OUT)/%.ld: bios/%.ld bios/layout.h
	@mkdir -p $(@D)
	cpp -P -undef -Ibios $< -o $@

# The 64-bit part: linked at LONG64_ADDR with the core, then a flat binary.
$(BIOS_OUT)/long64.elf: $(BIOS_OBJS64) $(CORE_X86_64) $(BIOS_OUT)/long64.ld
	ld -m elf_x86_64 -static -nostdlib --no-warn-rwx-segments --no-dynamic-linker -z noexecstack \
	    -T $(BIOS_OUT)/long64.ld -o $@ $(BIOS_OBJS64) $(CORE_X86_64)
$(BIOS_OUT)/long64.bin: $(BIOS_OUT)/long64.elf
	objcopy -O binary $< $@

$(BIOS_OUT)/stage2.elf: $(BIOS_OBJS32) $(BIOS_OUT)/stage2.ld
	ld -m elf_i386 -static -nostdlib --no-warn-rwx-segments -z noexecstack -T $(BIOS_OUT)/stage2.ld -o $@ $(BIOS_OBJS32)
$(BIOS_STAGE2): $(BIOS_OUT)/stage2.elf
	objcopy -O binary $< $@
	@echo "stage 2: $$(stat -c %s $@) bytes"

# Stage 1: the .org in stage1.S fails the build when the code passes 428 bytes.
$(BIOS_OUT)/stage1.o: bios/stage1.S bios/layout.h bios/errcode16.inc
	@mkdir -p $(@D)
	$(LOADER_CC) $(BIOS_ASFLAGS32) -c $< -o $@
$(BIOS_STAGE1): $(BIOS_OUT)/stage1.o
	ld -m elf_i386 -Ttext=0x7c00 -e _start --oformat=binary -o $@ $<
	@test "$$(stat -c %s $@)" -eq 428 || { echo "$@: not 428 bytes" >&2; rm -f $@; exit 1; }

# The El Torito (CD) boot image: a 1 KiB head that the BIOS loads at 0x7c00, stage 2
# right behind it at 0x8000, and a trailer the head checks (bios/cdboot.S).
BIOS_CDBOOT ?= $(BUILD)/bios/cdboot.bin
$(BIOS_OUT)/cdboot.o: bios/cdboot.S bios/layout.h bios/errcode16.inc $(BIOS_STAGE2)
	$(LOADER_CC) $(BIOS_ASFLAGS32) -DSTAGE2_BYTES=$$(stat -c %s $(BIOS_STAGE2)) -c $< -o $@
$(BIOS_CDBOOT): $(BIOS_OUT)/cdboot.o $(BIOS_STAGE2)
	ld -m elf_i386 -Ttext=0x7c00 -e _start --oformat=binary -o $@.head $<
	@test "$$(stat -c %s $@.head)" -eq 1024 || { echo "$@: the head is not 1 KiB" >&2; exit 1; }
	cat $@.head $(BIOS_STAGE2) > $@.tmp
	printf 'ELFB' >> $@.tmp
	mv $@.tmp $@
	rm -f $@.head

.PHONY: bios
bios: $(BIOS_STAGE1) $(BIOS_STAGE2) $(BIOS_CDBOOT)
ALL_TARGETS += $(BIOS_STAGE1) $(BIOS_STAGE2) $(BIOS_CDBOOT)
