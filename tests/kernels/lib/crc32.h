/* crc32.h: CRC-32 (IEEE 802.3, reflected, as zlib and gzip compute it). */
#ifndef K_CRC32_H
#define K_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* crc32(0, data, n) for a whole buffer; pass the previous result to continue. */
uint32_t crc32(uint32_t crc, const void *data, size_t n);

#endif /* K_CRC32_H */
