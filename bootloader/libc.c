/* libc.c: what compilers and the core expect of a C library, for freestanding builds.
 * (gcc and clang emit calls to memcpy/memset/memmove/memcmp for struct copies and
 * large initialisers even with -ffreestanding.) Host builds use the real libc. */
#include <stdint.h>

#include "util.h"

void *memcpy(void *dst, const void *src, size_t n)
{
    /* 4 bytes a step, then the tail: QEMU's TCG runs `rep movsb` a byte per iteration,
     * and the loader copies whole kernels with this. (movsl: this file is also built
     * -m32 for BIOS stage 2.) */
    void *ret = dst;
    size_t words = n / 4, tail = n % 4;
    __asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(tail) : : "memory");
    return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d == s || n == 0)
        return dst;
    if (d < s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    void *ret = dst;
    uint32_t pattern = 0x01010101u * (unsigned char)c;
    size_t words = n / 4, tail = n % 4;
    __asm__ volatile("rep stosl" : "+D"(dst), "+c"(words) : "a"(pattern) : "memory");
    __asm__ volatile("rep stosb" : "+D"(dst), "+c"(tail) : "a"(pattern) : "memory");
    return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}
