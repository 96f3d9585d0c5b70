/* loader.h: what the steps of eb_load() (load.c) decide and pass along. Internal. */
#ifndef EB_LOADER_H
#define EB_LOADER_H

#include "core.h"

#define EB_SIZE_2M (2ull << 20)
#define EB_SIZE_1G (1ull << 30)
#define EB_SLOT_SIZE (1ull << 39) /* what one PML4 entry maps */

struct eb_layout {
    /* The kernel */
    uint64_t slide;          /* added to every link-time virtual address */
    bool kaslr;
    uint64_t phys_base;      /* physical address of virt_low (higher-half kernels) */
    uint64_t kernel_phys;    /* lowest loaded physical page */

    /* The address space */
    uint64_t hhdm_base;
    uint64_t hhdm_top;       /* physical [0, hhdm_top) is in the HHDM (and identity map) */
    uint64_t fb_phys, fb_size; /* the framebuffer, page rounded; size 0: none */
    int recursive_slot;      /* PML4 index, or -1 */
    int area_slot;           /* PML4 index of the handoff page and the stack */
    uint64_t trampoline_virt;
    uint64_t stack_phys, stack_bottom, stack_top, stack_size;

    /* Page tables */
    uint64_t pml4_phys;
};

/* place.c: physical memory for the segments, then copy, zero and relocate them. */
int eb_place_kernel(const struct eb_platform *p, const struct eb_kernel *k,
                    struct eb_layout *L, struct eb_error *err);
int eb_relocate_kernel(const struct eb_platform *p, const struct eb_kernel *k,
                       const struct eb_layout *L, struct eb_error *err);
/* The physical address of a kernel virtual address (link-time + slide). */
uint64_t eb_kernel_phys_of(const struct eb_kernel *k, const struct eb_layout *L,
                           uint64_t virt);

/* layout.c: the HHDM's extent, the free PML4 slots, the stack. */
int eb_plan_address_space(const struct eb_platform *p, const struct eb_kernel *k,
                          const struct eb_boot_input *in, struct eb_layout *L,
                          struct eb_error *err);

/* paging.c: the kernel's page tables. */
int eb_build_page_tables(const struct eb_platform *p, const struct eb_kernel *k,
                         struct eb_layout *L, struct eb_error *err);
/* Maps [virt, virt + size) to phys in the tables at pml4 (used for the handoff too). */
int eb_map(const struct eb_platform *p, uint64_t pml4, uint64_t virt, uint64_t phys,
           uint64_t size, uint64_t flags, unsigned max_level, bool keep_existing,
           struct eb_error *err);
/* A zeroed page for page tables (LOADER_RECLAIMABLE), or 0. */
uint64_t eb_alloc_table(const struct eb_platform *p);

#define EB_PTE_PRESENT 0x1ull
#define EB_PTE_WRITE 0x2ull
#define EB_PTE_LARGE 0x80ull
#define EB_PTE_NX (1ull << 63)
#define EB_PTE_ADDR 0x000ffffffffff000ull

/* bootinfo.c: the boot info block. */
int eb_build_boot_info(const struct eb_platform *p, const struct eb_kernel *k,
                       const struct eb_boot_input *in, const struct eb_layout *L,
                       struct eb_boot *boot, struct eb_error *err);

/* handoff.c: the handoff page (code, GDT, parameters) and the intermediate tables. */
int eb_prepare_handoff(const struct eb_platform *p, const struct eb_kernel *k,
                       const struct eb_layout *L, struct eb_boot *boot, struct eb_error *err);

/* Zeroes / copies physical memory through the platform (within one allocation). */
void eb_phys_zero(const struct eb_platform *p, uint64_t phys, uint64_t size);
void eb_phys_copy(const struct eb_platform *p, uint64_t phys, const void *src, uint64_t size);

/* Logs a formatted line through the platform. */
void eb_log(const struct eb_platform *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* EB_LOADER_H */
