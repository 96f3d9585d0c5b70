/* blockdev.h: how the pure parsers (partition.c, fat.c) read a disk.
 *
 * Stage 2 fills it with the INT 13h reader (disk.c); the host tests and fuzz targets
 * fill it with a memory image. Nothing else of the machine reaches the parsers.
 */
#ifndef BIOS_BLOCKDEV_H
#define BIOS_BLOCKDEV_H

#include <stdint.h>

#include "status.h"

#define BLOCKDEV_MAX_SECTOR 4096 /* the largest sector size the parsers handle */

struct blockdev {
    void *ctx;
    uint32_t sector_size;  /* bytes: 512 on disks, 2048 on CDs */
    uint64_t sector_count; /* 0 when unknown */
    /* Reads the sectors that hold `bytes` bytes from `lba` on and stores exactly `bytes`
     * bytes at dst: a file's partial last sector costs no extra call. Returns EB_OK, or
     * an error code with `err` saying what failed. */
    int (*read)(void *ctx, uint64_t lba, uint64_t bytes, void *dst, struct eb_error *err);
};

#endif /* BIOS_BLOCKDEV_H */
