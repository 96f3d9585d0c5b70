/* cmdline.h: reading `key=value` words from a kernel command line.
 * Words are separated by spaces; a value runs to the next space. */
#ifndef K_CMDLINE_H
#define K_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copies the value of the last word `key=...` into buf. False when the key is absent or
 * the value does not fit (with its NUL) in `size` bytes. A bare word `key` gives "". */
bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);

/* Parses a number at *s: decimal, or hex after 0x; advances *s past it. */
bool parse_u64(const char **s, uint64_t *out);
/* A number with an optional K, M, G or T suffix (binary units): "128M", "6G". The
 * whole string must be consumed. */
bool parse_size(const char *s, uint64_t *out);
/* One to eight hex digits (no 0x), the whole string: a CRC-32 as the tests write it. */
bool parse_hex32(const char *s, uint32_t *out);

#endif /* K_CMDLINE_H */
