/* util.h: the few C library functions the core uses, and formatting.
 *
 * Host builds get them from libc; freestanding builds link bootloader/libc.c.
 */
#ifndef EB_UTIL_H
#define EB_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/* printf-style formatting into buf (always NUL-terminated when size > 0). Supports
 * %s %c %d %i %u %x %X %p %%, the l, ll and z size modifiers, a width, the 0 and
 * - flags, and a precision for strings (%.20s, %.*s). Returns the length the full output would have. */
size_t eb_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
size_t eb_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Copies at most size - 1 bytes and NUL-terminates. */
void eb_strlcpy(char *dst, const char *src, size_t size);

/* Formats a byte count as "12 KiB", "3 MiB" (exact units only, else bytes). */
const char *eb_format_size(char *buf, size_t size, uint64_t bytes);

/* Seconds since 1970-01-01 00:00 UTC of a proleptic Gregorian date and time; 0 when a
 * field is out of range or the date is before 1970 (clock.c). */
uint64_t eb_unix_time(uint32_t year, uint32_t month, uint32_t day, uint32_t hour,
                      uint32_t minute, uint32_t second);

#define EB_ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((uint64_t)(a) - 1))
#define EB_ALIGN_DOWN(x, a) ((x) & ~((uint64_t)(a) - 1))
#define EB_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* EB_UTIL_H */
