/* platform.h: the boundary between the core and a firmware frontend.
 *
 * The core (bootloader/) never calls firmware. Everything it needs from the machine goes
 * through this struct, which bios/ and uefi/ fill in, and which the host tests fill with
 * a simulated physical memory. (FreeBSD's stand/ calls its version `struct arch_switch`.)
 */
#ifndef EB_PLATFORM_H
#define EB_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

/* Or'd into alloc's `type`: the memory will hold code that runs while the loader's own
 * (firmware's) page tables are live, so it must be executable in them. UEFI frontends
 * allocate it as EfiLoaderCode: OVMF maps data types NX (PcdDxeNxMemoryProtectionPolicy). */
#define EB_ALLOC_EXECUTABLE 0x80000000u

struct eb_platform {
    void *ctx; /* passed back to every callback */

    /* Allocates `size` bytes (a multiple of 4 KiB) of physical memory, aligned to `align`
     * (a power of two, at least 4 KiB), ending at or below `limit` (0: no limit), and
     * records it with the ELFBOOT_MEM_* `type` so that it appears in the final memory map
     * with that type. Returns the physical address, or 0 when no such memory is left. */
    uint64_t (*alloc)(void *ctx, uint64_t size, uint64_t align, uint64_t limit,
                      uint32_t type);

    /* Claims exactly [phys, phys + size) (both 4 KiB aligned) with `type`, for lower-half
     * kernels loaded at their p_paddr. Returns EB_OK, EB_ERR_NOT_RAM when part of the
     * range is not usable RAM, or EB_ERR_IN_USE when it is RAM the loader already uses. */
    int (*claim)(void *ctx, uint64_t phys, uint64_t size, uint32_t type);

    /* A pointer through which the loader reads and writes physical [phys, phys + size).
     * The range never crosses the end of one allocation. Loaders that run identity
     * mapped return (void *)phys; the host tests return their simulated memory. */
    void *(*phys_ptr)(void *ctx, uint64_t phys, uint64_t size);

    /* Writes one line (no trailing newline) to the loader's console and serial port. */
    void (*log)(void *ctx, const char *line);

    /* 64 bits of entropy for KASLR (frontends pass eb_cpu_entropy: RDRAND, else TSC). */
    uint64_t (*entropy)(void *ctx);

    /* CPUID 0x80000001 EDX bit 26: 1 GiB pages (frontends pass eb_cpu_has_1g_pages()). */
    bool has_1g_pages;
};

#endif /* EB_PLATFORM_H */
