# tests/fuzz/: libFuzzer targets for every parser of untrusted bytes, built from the same
# sources the loaders use.
#   make fuzz                     runs each target for FUZZ_SECONDS (default 60)
#   make test                     replays tests/fuzz/regressions/<target>/* (no libFuzzer
#                                 needed: a plain main() feeds the files, under ASan+UBSan)
# A target tests/fuzz/fuzz_NAME.c links the core and tests/core/sim.c; a target that needs
# more sources names them in FUZZ_SRCS_NAME (set in its owner's build.mk).

FUZZ_CC    ?= clang
FUZZ_DIR   := $(BUILD)/fuzz
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CORE  := $(CORE_SRCS) tests/core/sim.c
FUZZ_FLAGS := -std=gnu11 -g -O1 -Iinclude -Ibootloader -Itests/core -Ibios -DELFBOOT_VERSION='"fuzz"'

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_CORE) $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    $< $(FUZZ_CORE) $(FUZZ_SRCS_$*) bootloader/trampoline.S -o $@

# The same targets with a main() that replays files, for `make test`.
$(FUZZ_DIR)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(FUZZ_CORE) $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(FUZZ_FLAGS) $(WARN) $(SANITIZE) $< tests/fuzz/replay_main.c $(FUZZ_CORE) \
	    $(FUZZ_SRCS_$*) bootloader/trampoline.S -o $@

FUZZ_TARGETS += $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_NAMES))
TEST_DEPS += $(addprefix $(FUZZ_DIR)/replay_,$(FUZZ_NAMES))
TEST_SUITES += tests/fuzz/replay.sh

# The ELF target starts from the core's test kernels.
fuzz: $(CORE_TEST_ELFS)
