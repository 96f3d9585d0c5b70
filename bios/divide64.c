/* divide64.c: 64-bit division for stage 2's 32-bit part, where gcc calls these helpers
 * for uint64_t / and % (the core's ELF reader uses them). Ours, not libgcc: a plain
 * shift-and-subtract loop, fast enough for the few divisions a boot makes. */
#include <stdint.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem)
{
    uint64_t q = 0, r = 0;
    if (d == 0) { /* as the hardware would fault; callers never divide by zero */
        __asm__ volatile("ud2");
    }
    for (int bit = 63; bit >= 0; bit--) {
        r = r << 1 | ((n >> bit) & 1);
        if (r >= d) {
            r -= d;
            q |= 1ull << bit;
        }
    }
    if (rem)
        *rem = r;
    return q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
    return __udivmoddi4(n, d, 0);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
    uint64_t r;
    __udivmoddi4(n, d, &r);
    return r;
}
