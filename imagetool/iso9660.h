/* iso9660.h: just enough ISO 9660 (ECMA-119) to find where a file of an image we wrote
 * lies, so that stage 1 can be told where stage 2 is. */
#ifndef TOOL_ISO9660_H
#define TOOL_ISO9660_H

#include <stddef.h>
#include <stdint.h>

#define ISO_SECTOR 2048u
#define ISO_PVD_SECTOR 16u /* the first volume descriptor (ECMA-119 6.2.1, 8.4) */

/* A directory record (ECMA-119 9.1); the name follows it. Both-endian fields are
 * stored little-endian first. */
struct iso_dirent {
    uint8_t length;
    uint8_t ext_attr_length;
    uint32_t extent, extent_be;
    uint32_t size, size_be;
    uint8_t date[7];
    uint8_t flags;            /* 0x02: a directory */
    uint8_t unit_size, gap;
    uint16_t volume_seq, volume_seq_be;
    uint8_t name_len;
} __attribute__((packed));

_Static_assert(sizeof(struct iso_dirent) == 33, "ECMA-119 9.1: 33 bytes before the name");
#define ISO_PVD_ROOT_OFFSET 156 /* the root directory record in the PVD (ECMA-119 8.4.18) */

/* Finds `path` ("ELFBOOT/STAGE2.BIN", without version suffixes, any case) in the image
 * `image[0..size)`. Returns 0 and the file's first sector and byte size, or -1. */
int iso9660_find(const uint8_t *image, size_t size, const char *path, uint32_t *sector,
                 uint32_t *bytes);

#endif /* TOOL_ISO9660_H */
