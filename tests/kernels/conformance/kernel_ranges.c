/* kernel_ranges.c: the kernel's own pages by segment, from its linker symbols, with the
 * permissions the protocol gives them: writable only with PF_W, executable only with
 * PF_X, and PT_GNU_RELRO read-only once relocated. */
#include "conformance.h"

size_t kernel_ranges(struct kernel_range out[MAX_KERNEL_RANGES])
{
    size_t n = 0;
    uint64_t relro_start = page_down((uint64_t)__relro_start);
    uint64_t relro_end = (uint64_t)__relro_end;
    uint64_t data_start = relro_end > relro_start ? relro_end : (uint64_t)__rodata_end;
    out[n++] = (struct kernel_range){ "text", (uint64_t)__text_start, (uint64_t)__text_end,
                                      false, true };
    out[n++] = (struct kernel_range){ "rodata", (uint64_t)__rodata_start,
                                      (uint64_t)__rodata_end, false, false };
    if (relro_end > relro_start)
        out[n++] = (struct kernel_range){ "relro", relro_start, relro_end, false, false };
    out[n++] = (struct kernel_range){ "data", data_start, (uint64_t)__kernel_end, true, false };
    return n;
}
