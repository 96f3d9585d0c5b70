# imagetool/: the host tool `elfboot` ($(ELFBOOT) = build/elfboot), one file with the
# loaders embedded, and build/san/elfboot (ASan + UBSan) that the tool's tests run.

TOOL_SRCS := $(wildcard imagetool/*.c)
TOOL_LIBS := $(shell pkg-config --libs json-c 2>/dev/null || echo -ljson-c) -lelf -lz -lnettle -lxxhash
# The core's and the tool's headers by -iquote only: bootloader/elf.h must not hide the
# system <elf.h> that libelf's headers include, nor imagetool/spawn.h <spawn.h>.
TOOL_CFLAGS = $(filter-out -Ibootloader,$(HOST_CFLAGS)) -iquote bootloader -D_GNU_SOURCE -iquote imagetool $(shell pkg-config --cflags json-c 2>/dev/null) -MMD -MP
TOOL_SAN := $(BUILD)/san/elfboot

# Each loader is embedded when the loader engineers' build.mk makes it (it is then in
# ALL_TARGETS); a tool built without one says so when an image needs it. BIOS_CDBOOT,
# the El Torito boot image for --iso, is optional.
BIOS_CDBOOT ?= $(BUILD)/bios/cdboot.bin
TOOL_EMBEDDED := $(filter $(UEFI_LOADER) $(BIOS_STAGE1) $(BIOS_STAGE2) $(BIOS_CDBOOT),$(ALL_TARGETS))
TOOL_EMBED_FLAGS := $(if $(filter $(UEFI_LOADER),$(TOOL_EMBEDDED)),-DUEFI_LOADER='"$(UEFI_LOADER)"') \
                    $(if $(filter $(BIOS_STAGE1),$(TOOL_EMBEDDED)),-DBIOS_STAGE1='"$(BIOS_STAGE1)"') \
                    $(if $(filter $(BIOS_STAGE2),$(TOOL_EMBEDDED)),-DBIOS_STAGE2='"$(BIOS_STAGE2)"') \
                    $(if $(filter $(BIOS_CDBOOT),$(TOOL_EMBEDDED)),-DBIOS_CDBOOT='"$(BIOS_CDBOOT)"')
# Rebuild loaders.o when the set of embedded loaders changes.
TOOL_EMBED_LIST := $(BUILD)/imagetool/embedded.list
$(shell mkdir -p $(BUILD)/imagetool && (echo '$(TOOL_EMBEDDED)' | cmp -s - $(TOOL_EMBED_LIST) || echo '$(TOOL_EMBEDDED)' > $(TOOL_EMBED_LIST)))

TOOL_OBJS := $(patsubst imagetool/%.c,$(BUILD)/imagetool/%.o,$(TOOL_SRCS)) $(BUILD)/imagetool/loaders.o
TOOL_SAN_OBJS := $(patsubst imagetool/%.c,$(BUILD)/san/imagetool/%.o,$(TOOL_SRCS)) $(BUILD)/imagetool/loaders.o

$(BUILD)/imagetool/%.o: imagetool/%.c
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -c $< -o $@
$(BUILD)/san/imagetool/%.o: imagetool/%.c
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -O1 $(SANITIZE) -c $< -o $@
$(BUILD)/imagetool/loaders.o: imagetool/loaders.S $(TOOL_EMBEDDED) $(TOOL_EMBED_LIST)
	@mkdir -p $(@D)
	$(CC) $(TOOL_EMBED_FLAGS) -c $< -o $@

$(ELFBOOT): $(TOOL_OBJS) $(CORE_HOST)
	$(CC) -o $@ $(TOOL_OBJS) $(CORE_HOST) $(TOOL_LIBS)
$(TOOL_SAN): $(TOOL_SAN_OBJS) $(CORE_SAN)
	@mkdir -p $(@D)
	$(CC) $(SANITIZE) -o $@ $(TOOL_SAN_OBJS) $(CORE_SAN) $(TOOL_LIBS)

-include $(TOOL_OBJS:.o=.d) $(TOOL_SAN_OBJS:.o=.d)

ALL_TARGETS += $(ELFBOOT)
TEST_DEPS += $(TOOL_SAN)
