# bench/: `make bench`, speed and size figures, each beside a floor or a peer measured in
# the same run (bench/README.md says what each one means). Never part of `make test`.
#
# Products, all under $(BUILD)/bench: the bench kernel (1 MiB of loaded bytes, first
# instruction exits QEMU, a Multiboot2 header for GRUB), the 64 MiB module, the floor
# programs (MBR and EFI, "exit at once" and "raw reads"), and timeit (wall, CPU, peak RSS).

BENCH_OUT := $(BUILD)/bench/bin

# The EFI floors are built as uefi/ builds BOOTX64.EFI (gnu-efi's crt0 and linker script,
# objcopy to PE32+), with flags of their own: they share nothing with the loader.
BENCH_EFI_CFLAGS := -std=gnu11 -O2 $(WARN) -ffreestanding -fno-stack-protector \
                    -fno-stack-check -fpic -fshort-wchar -mno-red-zone -mno-mmx -mno-sse \
                    -mno-sse2 -fno-asynchronous-unwind-tables -fvisibility=hidden \
                    -I/usr/include/efi -I/usr/include/efi/x86_64 -DGNU_EFI_USE_MS_ABI
BENCH_EFI_LDFLAGS := -nostdlib -znocombreloc -z noexecstack -shared -Bsymbolic \
                     --no-undefined -T /usr/lib/elf_x86_64_efi.lds
BENCH_EFI_SECTIONS := -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel \
                      -j .rela -j .rel.* -j .rela.* -j .reloc

$(BENCH_OUT)/kernel.o: bench/kernel.S
	@mkdir -p $(@D)
	$(LOADER_CC) -c $< -o $@
$(BENCH_OUT)/kernel.elf: $(BENCH_OUT)/kernel.o bench/kernel.ld
	ld -m elf_x86_64 -static -nostdlib -z noexecstack -z max-page-size=4096 \
	    -T bench/kernel.ld $< -o $@

# The module: 64 MiB that no layer could compress or skip.
$(BENCH_OUT)/module.bin:
	@mkdir -p $(@D)
	head -c 64M /dev/urandom >$@.tmp && mv $@.tmp $@

$(BENCH_OUT)/mbr-%.o: bench/mbr-%.S
	@mkdir -p $(@D)
	$(LOADER_CC) -m32 -c $< -o $@
# At most 428 bytes: what stage 1's area of the MBR holds (docs/image-layout.md).
$(BENCH_OUT)/mbr-%.bin: $(BENCH_OUT)/mbr-%.o bench/mbr.ld
	ld -m elf_i386 -T bench/mbr.ld $< -o $@
	@test $$(stat -c %s $@) -le 428 || { echo "$@: over 428 bytes" >&2; rm -f $@; exit 1; }

$(BENCH_OUT)/efi-%.o: bench/efi-%.c bench/efi-exit.h
	@mkdir -p $(@D)
	$(LOADER_CC) $(BENCH_EFI_CFLAGS) -c $< -o $@
$(BENCH_OUT)/efi-%.so: $(BENCH_OUT)/efi-%.o
	ld $(BENCH_EFI_LDFLAGS) /usr/lib/crt0-efi-x86_64.o $< /usr/lib/libgnuefi.a -o $@
$(BENCH_OUT)/efi-%.efi: $(BENCH_OUT)/efi-%.so
	objcopy $(BENCH_EFI_SECTIONS) --target efi-app-x86_64 $< $@

$(BENCH_OUT)/timeit: bench/timeit.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $< -o $@

BENCH_DEPS += $(BENCH_OUT)/kernel.elf $(BENCH_OUT)/module.bin \
              $(BENCH_OUT)/mbr-exit.bin $(BENCH_OUT)/mbr-read.bin \
              $(BENCH_OUT)/efi-exit.efi $(BENCH_OUT)/efi-read.efi $(BENCH_OUT)/timeit

# BENCH_RUNS: interleaved runs of every figure (median of them); BENCH_GRUB=0 skips GRUB.
bench: $(ALL_TARGETS) $(BENCH_DEPS)
	@BUILD=$(BUILD) ELFBOOT=$(ELFBOOT) BIOS_STAGE1=$(BIOS_STAGE1) \
	    BIOS_STAGE2=$(BIOS_STAGE2) UEFI_LOADER=$(UEFI_LOADER) bench/run.sh
