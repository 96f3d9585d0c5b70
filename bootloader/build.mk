# bootloader/: the core, built three ways from the same sources:
#   $(CORE_X86_64)  freestanding x86_64, linked into BOOTX64.EFI and the BIOS long-mode part
#   $(CORE_HOST)    host, linked into the elfboot tool
#   $(CORE_SAN)     host with ASan and UBSan, linked into the unit tests and fuzz targets

CORE_SRCS := bootloader/elf.c bootloader/request.c bootloader/reloc.c bootloader/load.c bootloader/place.c bootloader/layout.c bootloader/paging.c \
             bootloader/memmap.c bootloader/physmem.c bootloader/bootinfo.c \
             bootloader/handoff.c bootloader/config.c bootloader/video.c \
             bootloader/format.c bootloader/status.c bootloader/cpu.c bootloader/clock.c \
             bootloader/audit.c bootloader/crc.c
# Only where there is no C library.
CORE_FREESTANDING_SRCS := bootloader/libc.c bootloader/serial.c
CORE_ASM  := bootloader/trampoline.S

CORE_X86_64 := $(BUILD)/core/x86_64/libcore.a
CORE_HOST   := $(BUILD)/core/host/libcore.a
CORE_SAN    := $(BUILD)/core/san/libcore.a
CORE_HEADERS := $(wildcard bootloader/*.h) include/elfboot.h

CORE_X86_64_OBJS := $(patsubst bootloader/%.c,$(BUILD)/core/x86_64/%.o,$(CORE_SRCS) $(CORE_FREESTANDING_SRCS)) \
                    $(patsubst bootloader/%.S,$(BUILD)/core/x86_64/%.o,$(CORE_ASM))
CORE_HOST_OBJS   := $(patsubst bootloader/%.c,$(BUILD)/core/host/%.o,$(CORE_SRCS)) \
                    $(patsubst bootloader/%.S,$(BUILD)/core/host/%.o,$(CORE_ASM))
CORE_SAN_OBJS    := $(patsubst bootloader/%.c,$(BUILD)/core/san/%.o,$(CORE_SRCS)) \
                    $(patsubst bootloader/%.S,$(BUILD)/core/san/%.o,$(CORE_ASM))

$(BUILD)/core/x86_64/%.o: bootloader/%.c $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(LOADER_CC) $(LOADER_CFLAGS) -c $< -o $@
$(BUILD)/core/x86_64/%.o: bootloader/%.S
	@mkdir -p $(@D)
	$(LOADER_CC) -c $< -o $@
$(BUILD)/core/host/%.o: bootloader/%.c $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -c $< -o $@
$(BUILD)/core/host/%.o: bootloader/%.S
	@mkdir -p $(@D)
	$(CC) -c $< -o $@
$(BUILD)/core/san/%.o: bootloader/%.c $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -O1 $(SANITIZE) -c $< -o $@
$(BUILD)/core/san/%.o: bootloader/%.S
	@mkdir -p $(@D)
	$(CC) -c $< -o $@

$(CORE_X86_64): $(CORE_X86_64_OBJS)
	@rm -f $@
	ar rcs $@ $^
$(CORE_HOST): $(CORE_HOST_OBJS)
	@rm -f $@
	ar rcs $@ $^
$(CORE_SAN): $(CORE_SAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

.PHONY: core
core: $(CORE_X86_64) $(CORE_HOST) $(CORE_SAN)
ALL_TARGETS += $(CORE_X86_64) $(CORE_HOST)
