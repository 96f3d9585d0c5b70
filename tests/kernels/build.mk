# tests/kernels/: freestanding x86_64 test kernels, built into build/tests/kernels/.
# One set of sources, three code models ("flavors"), each with its own objects:
#   hh   higher half, ET_EXEC at 0xffffffff80000000 (-mcmodel=kernel)
#   low  lower half, ET_EXEC at physical = virtual 2 MiB
#   pie  ET_DYN linked at 0 with `ld -shared`: unlike `ld -pie`, which turns every
#        relocation against a defined symbol into R_X86_64_RELATIVE, this keeps
#        R_X86_64_64 and R_X86_64_GLOB_DAT against the exported symbol of
#        conformance/relocs.c, so that the loader's support for them is tested.

KERNELS_OUT := $(BUILD)/tests/kernels
KERNEL_CC   ?= $(LOADER_CC)
KERNEL_LD   ?= ld
KERNEL_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-stack-protector \
    -fno-stack-check -fno-strict-aliasing -fno-delete-null-pointer-checks -mno-red-zone \
    -mno-mmx -mno-sse -mno-sse2 -mno-80387 -fno-asynchronous-unwind-tables \
    -fno-omit-frame-pointer -Iinclude -Ibootloader -Itests/kernels/lib \
    -Itests/kernels/conformance
KERNEL_FLAVOR_CFLAGS_hh  := -mcmodel=kernel -fno-pic -fno-pie
KERNEL_FLAVOR_CFLAGS_low := -mcmodel=small -fno-pic -fno-pie
KERNEL_FLAVOR_CFLAGS_pie := -fpic -fvisibility=hidden
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack --build-id=none \
    -L tests/kernels/ld
KERNEL_PIE_LDFLAGS := -nostdlib -shared -z text -z relro -z max-page-size=4096 \
    -z noexecstack --no-undefined --build-id=none -L tests/kernels/ld

KLIB_SRCS := $(wildcard tests/kernels/lib/*.c tests/kernels/lib/*.S)
# The core's freestanding C library, formatter, COM1 driver and CRC-32, rebuilt with the
# kernels' flags.
KLIB_CORE_SRCS := bootloader/libc.c bootloader/format.c bootloader/serial.c bootloader/crc.c
CONF_SRCS := $(wildcard tests/kernels/conformance/*.c)
KERNEL_HEADERS := $(wildcard tests/kernels/lib/*.h tests/kernels/conformance/*.h) \
                  include/elfboot.h bootloader/util.h bootloader/serial.h bootloader/crc.h

# $(call kobj,FLAVOR,SOURCES): their objects.
kobj = $(patsubst tests/kernels/%,$(KERNELS_OUT)/obj/$(1)/%.o,$(basename $(2)))

define KERNEL_FLAVOR
$(KERNELS_OUT)/obj/$(1)/%.o: tests/kernels/%.c $(KERNEL_HEADERS)
	@mkdir -p $$(@D)
	$$(KERNEL_CC) $$(KERNEL_CFLAGS) $$(KERNEL_FLAVOR_CFLAGS_$(1)) -c $$< -o $$@
$(KERNELS_OUT)/obj/$(1)/%.o: tests/kernels/%.S $(KERNEL_HEADERS)
	@mkdir -p $$(@D)
	$$(KERNEL_CC) $$(KERNEL_CFLAGS) $$(KERNEL_FLAVOR_CFLAGS_$(1)) -c $$< -o $$@
$(KERNELS_OUT)/obj/$(1)/core/%.o: bootloader/%.c $(KERNEL_HEADERS)
	@mkdir -p $$(@D)
	$$(KERNEL_CC) $$(KERNEL_CFLAGS) $$(KERNEL_FLAVOR_CFLAGS_$(1)) -c $$< -o $$@
$(KERNELS_OUT)/obj/$(1)/libk.a: $(call kobj,$(1),$(KLIB_SRCS)) \
        $(patsubst bootloader/%.c,$(KERNELS_OUT)/obj/$(1)/core/%.o,$(KLIB_CORE_SRCS))
	@rm -f $$@
	ar rcs $$@ $$^
endef
$(foreach f,hh low pie,$(eval $(call KERNEL_FLAVOR,$(f))))

# $(call KERNEL_ELF,NAME,FLAVOR,LINKER-SCRIPT,SOURCES,LDFLAGS)
define KERNEL_ELF
$(KERNELS_OUT)/$(1).elf: $(call kobj,$(2),$(4)) $(KERNELS_OUT)/obj/$(2)/libk.a \
                         tests/kernels/ld/$(3) tests/kernels/ld/exec.ld
	$$(KERNEL_LD) $(5) -T tests/kernels/ld/$(3) -o $$@ $$(filter %.o %.a,$$^)
KERNEL_ELFS += $(KERNELS_OUT)/$(1).elf
endef
KERNEL_ELFS :=
VARIANT = tests/kernels/conformance/variants/$(1).c
$(eval $(call KERNEL_ELF,conformance,hh,higher-half.ld,$(CONF_SRCS) $(call VARIANT,exec),$(KERNEL_LDFLAGS)))
$(eval $(call KERNEL_ELF,conformance-flags,hh,higher-half.ld,$(CONF_SRCS) $(call VARIANT,flags),$(KERNEL_LDFLAGS)))
$(eval $(call KERNEL_ELF,conformance-low,low,low.ld,$(CONF_SRCS) $(call VARIANT,low),$(KERNEL_LDFLAGS)))
$(eval $(call KERNEL_ELF,conformance-pie,pie,pie.ld,$(CONF_SRCS) $(call VARIANT,pie),$(KERNEL_PIE_LDFLAGS)))
$(eval $(call KERNEL_ELF,conformance-kaslr,pie,pie.ld,$(CONF_SRCS) $(call VARIANT,kaslr),$(KERNEL_PIE_LDFLAGS)))
$(eval $(call KERNEL_ELF,bare,hh,plain.ld,tests/kernels/bare/bare.c,$(KERNEL_LDFLAGS)))
$(eval $(call KERNEL_ELF,behave,hh,plain.ld,tests/kernels/behave/behave.c,$(KERNEL_LDFLAGS)))

.PHONY: test-kernels
test-kernels: $(KERNEL_ELFS)
TEST_DEPS   += $(KERNEL_ELFS)
TEST_SUITES += tests/kernels/check-kernels.sh
