/* cpu.c: CPU facts the frontends put in struct eb_platform. Plain instructions, no
 * firmware: they run the same on the host. */
#include <stdbool.h>
#include <stdint.h>

#include "core.h"

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

bool eb_cpu_has_1g_pages(void)
{
    uint32_t a, b, c, d;
    cpuid(0x80000000u, &a, &b, &c, &d);
    if (a < 0x80000001u)
        return false;
    cpuid(0x80000001u, &a, &b, &c, &d);
    return (d >> 26) & 1; /* Intel SDM vol. 2A, CPUID leaf 80000001H: Page1GB */
}

static bool has_rdrand(void)
{
    uint32_t a, b, c, d;
    cpuid(1, &a, &b, &c, &d);
    return (c >> 30) & 1;
}

uint64_t eb_cpu_entropy(void *unused)
{
    (void)unused;
    if (has_rdrand()) {
        /* RDRAND may transiently fail (CF = 0); Intel advises up to 10 retries. */
        for (int i = 0; i < 10; i++) {
            uint64_t v;
            uint8_t ok;
            __asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
            if (ok)
                return v;
        }
    }
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    uint64_t t = ((uint64_t)hi << 32) | lo;
    /* Mix the counter so that its slowly changing high bits spread (splitmix64). */
    t += 0x9e3779b97f4a7c15ull;
    t = (t ^ (t >> 30)) * 0xbf58476d1ce4e5b9ull;
    t = (t ^ (t >> 27)) * 0x94d049bb133111ebull;
    return t ^ (t >> 31);
}
