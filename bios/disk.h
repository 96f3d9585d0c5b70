/* disk.h: the boot drive through INT 13h extended reads (EDD 3.0). */
#ifndef BIOS_DISK_H
#define BIOS_DISK_H

#include <stdint.h>

#include "blockdev.h"
#include "status.h"

#define DISK_VIEW_SECTOR 512 /* what the parsers see: partition tables count in these */

struct disk {
    uint8_t drive;           /* BIOS drive number (DL at boot) */
    uint32_t sector_size;    /* the drive's: 512 on disks, 2048 on CDs (AH=48h) */
    uint32_t sector_shift;   /* its log2 */
    uint32_t max_sectors;    /* per INT 13h call: what fits the bounce buffer, <= 127 */
    /* The drive as 512-byte sectors, whatever its own size: a hybrid ISO's GPT and FAT
     * image count in 512-byte sectors on a CD of 2048-byte ones too. */
    struct blockdev dev;
};

/* Checks for the extensions and asks the drive's sector size. */
int disk_init(struct disk *d, uint8_t drive, struct eb_error *err);

#endif /* BIOS_DISK_H */
