/* crc.c: CRC-32 (crc.h), a byte at a time from a 256-entry table built on first use (a
 * 1 KiB constant would be the same bytes in every binary): the audit reads a few MiB a
 * boot, which stays quick under emulation. */
#include <stdbool.h>

#include "crc.h"

static uint32_t crc_table[256];
static bool crc_table_ready;

uint32_t eb_crc32(uint32_t crc, const void *data, size_t n)
{
    if (!crc_table_ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            crc_table[i] = c;
        }
        crc_table_ready = true;
    }
    const uint8_t *p = data;
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}
