# tests/bios/: host unit tests of stage 2's pure parsers (bios/fat.c, bios/partition.c)
# against FAT volumes made by mtools, the fuzz targets' extra sources, and the BIOS boot
# tests (tests/boot/bios*.sh).

BIOS_TEST_DIR := $(BUILD)/tests/bios
BIOS_TEST_IMAGES := $(BIOS_TEST_DIR)/images/.done
BIOS_TEST_BINS := $(BIOS_TEST_DIR)/test_fat $(BIOS_TEST_DIR)/test_partition
BIOS_TEST_CFLAGS := $(HOST_CFLAGS) -Wno-missing-field-initializers -O1 $(SANITIZE) \
                    -Ibios -Itests/bios -DTEST_IMG_DIR='"$(BIOS_TEST_DIR)/images"'
BIOS_PARSER_DEPS := bios/fat.c bios/fat.h bios/partition.c bios/partition.h \
                    bios/blockdev.h tests/bios/memdisk.h $(CORE_SAN)

$(BIOS_TEST_IMAGES): tests/bios/mkimages.sh
	tests/bios/mkimages.sh $(@D)
	@touch $@

$(BIOS_TEST_DIR)/test_fat: tests/bios/test_fat.c $(BIOS_PARSER_DEPS)
	@mkdir -p $(@D)
	$(CC) $(BIOS_TEST_CFLAGS) $< bios/fat.c $(CORE_SAN) -lcmocka -o $@
$(BIOS_TEST_DIR)/test_partition: tests/bios/test_partition.c $(BIOS_PARSER_DEPS)
	@mkdir -p $(@D)
	$(CC) $(BIOS_TEST_CFLAGS) $< bios/partition.c bios/fat.c $(CORE_SAN) -lcmocka -o $@

TEST_DEPS += $(BIOS_TEST_IMAGES) $(BIOS_TEST_BINS)
TEST_SUITES += $(BIOS_TEST_BINS)

# tests/fuzz/fuzz_fat.c and fuzz_partition.c (rules in tests/fuzz/build.mk).
FUZZ_SRCS_fat := bios/fat.c
FUZZ_SRCS_partition := bios/partition.c

# A kernel of 64 MiB for tests/boot/bios-boot.sh.
$(BIOS_TEST_DIR)/big-blob.bin: tests/bios/make-blob.py
	@mkdir -p $(@D)
	python3 $< $@
$(BIOS_TEST_DIR)/big-kernel.elf: tests/bios/big-kernel.S tests/bios/big-kernel.ld $(BIOS_TEST_DIR)/big-blob.bin
	$(CC) -c -DBLOB_FILE='"$(BIOS_TEST_DIR)/big-blob.bin"' $< -o $(BIOS_TEST_DIR)/big-kernel.o
	ld -nostdlib -static -z max-page-size=4096 -T tests/bios/big-kernel.ld \
	    $(BIOS_TEST_DIR)/big-kernel.o -o $@
TEST_DEPS += $(BIOS_TEST_DIR)/big-kernel.elf
TEST_SUITES += tests/boot/bios-boot.sh tests/boot/bios-fail.sh
