/* crc32.h: CRC-32 (IEEE 802.3, reflected, as zlib and gzip compute it), the core's
 * eb_crc32 (bootloader/crc.c, rebuilt with the kernels' flags). It stays checked apart
 * from the loader: the module checks compare it with the CRC-32 gzip gave on the host. */
#ifndef K_CRC32_H
#define K_CRC32_H

#include <stddef.h>
#include <stdint.h>

#include "crc.h"

/* crc32(0, data, n) for a whole buffer; pass the previous result to continue. */
static inline uint32_t crc32(uint32_t crc, const void *data, size_t n)
{
    return eb_crc32(crc, data, n);
}

#endif /* K_CRC32_H */
