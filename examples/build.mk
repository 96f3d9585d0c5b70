# examples/: kernels for users to read and copy. `make` builds them; `make run` boots
# build/examples/hello.elf with elfboot run (see the top-level Makefile).
#
# The flags a kernel needs (examples/hello/README.md says why):
EXAMPLE_CC     ?= $(LOADER_CC)
EXAMPLE_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-stack-protector \
                  -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
                  -Iinclude
EXAMPLE_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 --build-id=none

HELLO_SRCS := $(wildcard examples/hello/*.c)
HELLO_OBJS := $(patsubst examples/hello/%.c,$(BUILD)/examples/hello/%.o,$(HELLO_SRCS))

$(BUILD)/examples/hello/%.o: examples/hello/%.c $(wildcard examples/hello/*.h) include/elfboot.h
	@mkdir -p $(@D)
	$(EXAMPLE_CC) $(EXAMPLE_CFLAGS) -c $< -o $@

$(BUILD)/examples/hello.elf: $(HELLO_OBJS) examples/hello/linker.ld
	ld $(EXAMPLE_LDFLAGS) -T examples/hello/linker.ld -o $@ $(HELLO_OBJS)

ALL_TARGETS += $(BUILD)/examples/hello.elf
