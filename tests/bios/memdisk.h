/* memdisk.h: a disk image in memory behind a struct blockdev, for the unit tests and
 * fuzz targets of bios/fat.c and bios/partition.c. Counts reads; reads past the end
 * fail as a BIOS read error would. */
#ifndef TESTS_BIOS_MEMDISK_H
#define TESTS_BIOS_MEMDISK_H

#include <stdint.h>
#include <string.h>

#include "blockdev.h"
#include "status.h"

struct memdisk {
    uint8_t *data;
    uint64_t size;
    unsigned reads;        /* read calls so far */
    uint64_t bytes_read;   /* bytes they asked for */
    struct blockdev dev;
};

static inline int memdisk_read(void *ctx, uint64_t lba, uint64_t bytes, void *dst,
                               struct eb_error *err)
{
    struct memdisk *d = ctx;
    uint64_t ss = d->dev.sector_size;
    uint64_t count = bytes / ss + (bytes % ss != 0); /* whole sectors, as a disk reads */
    d->reads++;
    d->bytes_read += bytes;
    if (lba > d->size / ss || count > d->size / ss - lba)
        return eb_fail(err, EB_ERR_IO, "disk read error: LBA %llu (%llu sectors) past the end",
                       (unsigned long long)lba, (unsigned long long)count);
    memcpy(dst, d->data + lba * ss, (size_t)bytes);
    return EB_OK;
}

static inline void memdisk_init(struct memdisk *d, void *data, uint64_t size,
                                uint32_t sector_size)
{
    memset(d, 0, sizeof *d);
    d->data = data;
    d->size = size;
    d->dev = (struct blockdev){d, sector_size, 0, memdisk_read};
}

#endif /* TESTS_BIOS_MEMDISK_H */
