/* disk.h: the boot drive through INT 13h extended reads (EDD 3.0). */
#ifndef BIOS_DISK_H
#define BIOS_DISK_H

#include <stdint.h>

#include "blockdev.h"
#include "status.h"

struct disk {
    uint8_t drive;           /* BIOS drive number (DL at boot) */
    uint32_t max_sectors;    /* per INT 13h call: what fits the bounce buffer, <= 127 */
    struct blockdev dev;     /* for partition.c and fat.c */
};

/* Checks for the extensions and asks the drive's geometry (sector size, count). */
int disk_init(struct disk *d, uint8_t drive, struct eb_error *err);

#endif /* BIOS_DISK_H */
