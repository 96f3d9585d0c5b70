/* crc32.c: table-driven CRC-32; the table is built on first use (modules are a few MiB,
 * and a bit-at-a-time loop costs seconds under TCG). */
#include "crc32.h"

#include <stdbool.h>

static uint32_t table[256];
static bool table_ready;

static void build_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    table_ready = true;
}

uint32_t crc32(uint32_t crc, const void *data, size_t n)
{
    const uint8_t *p = data;
    if (!table_ready)
        build_table();
    crc = ~crc;
    while (n--)
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}
