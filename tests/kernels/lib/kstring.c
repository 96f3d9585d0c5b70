/* kstring.c: byte loops; speed does not matter in the test kernels. */
#include "kstring.h"

#include <stdint.h>

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (uint8_t)*a - (uint8_t)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i] || !a[i])
            return (uint8_t)a[i] - (uint8_t)b[i];
    }
    return 0;
}

const char *strstr_last(const char *haystack, const char *needle)
{
    size_t h = strlen(haystack), n = strlen(needle);
    for (size_t i = h >= n ? h - n + 1 : 0; i-- > 0;)
        if (!memcmp(haystack + i, needle, n))
            return haystack + i;
    return NULL;
}
