/* sha256.h: SHA-256 (FIPS 180-4), for the values an image derives from its inputs
 * (GUIDs, disk signature, volume serial): same inputs, same bytes. */
#ifndef TOOL_SHA256_H
#define TOOL_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
    uint32_t h[8];
    uint64_t length; /* bytes hashed so far */
    uint8_t block[64];
    size_t used;     /* bytes waiting in block */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* Hashes a string with its terminating NUL, so that "ab","c" differs from "a","bc". */
void sha256_update_str(struct sha256 *s, const char *str);
void sha256_update_u64(struct sha256 *s, uint64_t v);
void sha256_final(struct sha256 *s, uint8_t digest[32]);

#endif /* TOOL_SHA256_H */
