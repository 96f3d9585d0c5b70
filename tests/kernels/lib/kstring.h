/* kstring.h: string functions for the test kernels. The C library basics (memcpy,
 * memset, memmove, memcmp, strlen) and formatting come from the core's freestanding
 * bootloader/libc.c and bootloader/format.c (declared in bootloader/util.h); these are
 * the few more the kernels use. */
#ifndef K_KSTRING_H
#define K_KSTRING_H

#include <stddef.h>

#include "util.h"

size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* The last occurrence of needle in haystack, or NULL. */
const char *strstr_last(const char *haystack, const char *needle);

#endif /* K_KSTRING_H */
