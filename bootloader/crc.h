/* crc.h: CRC-32 (IEEE 802.3, reflected; zlib's crc32(), GPT's, gzip's). Used by the BIOS
 * loader's GPT reader, the firmware-memory audit (audit.h) and the test kernels. */
#ifndef EB_CRC_H
#define EB_CRC_H

#include <stddef.h>
#include <stdint.h>

/* Pass 0, then the previous result to continue over more bytes. */
uint32_t eb_crc32(uint32_t crc, const void *data, size_t n);

#endif /* EB_CRC_H */
