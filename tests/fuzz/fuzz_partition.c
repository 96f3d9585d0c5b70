/* fuzz_partition.c: libFuzzer target for bios/partition.c. The input is the start of a
 * disk (MBR, GPT header, entries) in 512-byte sectors. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../bios/memdisk.h"
#include "partition.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct memdisk d;
    struct boot_partition p;
    struct eb_error err;
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    memdisk_init(&d, copy, size, 512);
    if (partition_find_boot(&d.dev, &p, &err) == EB_OK &&
        (p.lba == 0 || p.sectors == 0))
        abort(); /* the contract: a found partition has bounds */
    free(copy);
    return 0;
}
