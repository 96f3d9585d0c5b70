# uefi/: the GNU-EFI loader $(UEFI_LOADER) (build/uefi/BOOTX64.EFI).
#
# Built the way Debian's gnu-efi expects: a position-independent shared object linked
# with crt0-efi-x86_64.o and elf_x86_64_efi.lds (crt0 applies our own relocations, then
# calls efi_main), then objcopy'd into a PE32+ EFI application. We call firmware
# services directly with the MS ABI (GNU_EFI_USE_MS_ABI) and take nothing from libefi:
# its memcpy/memset would clash with the core's, and we need none of its helpers.

UEFI_SRCS := uefi/main.c uefi/log.c uefi/files.c uefi/video.c uefi/tables.c \
             uefi/time.c uefi/platform.c uefi/memory.c uefi/audit.c
UEFI_OBJS := $(patsubst uefi/%.c,$(BUILD)/uefi/%.o,$(UEFI_SRCS))
UEFI_SO   := $(BUILD)/uefi/BOOTX64.so

GNU_EFI_INC := /usr/include/efi
GNU_EFI_LIB := /usr/lib
UEFI_CFLAGS := $(LOADER_CFLAGS) -I$(GNU_EFI_INC) -I$(GNU_EFI_INC)/x86_64 \
               -DGNU_EFI_USE_MS_ABI -fvisibility=hidden
UEFI_LDFLAGS := -nostdlib -znocombreloc -z noexecstack -shared -Bsymbolic --no-undefined \
                -T $(GNU_EFI_LIB)/elf_x86_64_efi.lds
# What goes into the PE image: the sections elf_x86_64_efi.lds lays out (.rodata and
# .bss live inside its .data), and the relocations crt0's _relocate applies.
UEFI_PE_SECTIONS := -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel \
                    -j .rela -j .rel.* -j .rela.* -j .reloc

$(BUILD)/uefi/%.o: uefi/%.c uefi/uefi.h $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(LOADER_CC) $(UEFI_CFLAGS) -c $< -o $@

$(UEFI_SO): $(UEFI_OBJS) $(CORE_X86_64)
	ld $(UEFI_LDFLAGS) $(GNU_EFI_LIB)/crt0-efi-x86_64.o $(UEFI_OBJS) $(CORE_X86_64) \
	    $(GNU_EFI_LIB)/libgnuefi.a -o $@

# A relocation type crt0's _relocate does not know would be skipped silently at boot:
# refuse it here (gnu-efi applies R_X86_64_RELATIVE only; R_X86_64_NONE is harmless).
$(UEFI_LOADER): $(UEFI_SO)
	@bad=$$(readelf -rW $< | awk '/^[0-9a-f]+ /{print $$3}' | grep -Ev '^R_X86_64_(RELATIVE|NONE)$$' | sort -u); \
	if [ -n "$$bad" ]; then echo "$<: relocations the EFI loader cannot apply: $$bad" >&2; exit 1; fi
	objcopy $(UEFI_PE_SECTIONS) --target efi-app-x86_64 $< $@

ALL_TARGETS += $(UEFI_LOADER)

# Boot tests under OVMF. They use $(ELFBOOT) (which embeds this loader) and the test
# kernels, which tests/kernels/build.mk adds to TEST_DEPS.
TEST_SUITES += tests/boot/uefi-boot.sh tests/boot/uefi-fail.sh
