/* layout.c: where things go in the kernel's address space. The HHDM and the kernel are
 * fixed by the protocol and the kernel; the stack, the handoff page and the recursive
 * entry take free PML4 slots of the upper half, the highest first. */
#include <stdbool.h>

#include "loader.h"
#include "memmap.h"
#include "util.h"

#define UPPER_FIRST_SLOT 256

static uint64_t slot_base(int slot)
{
    return 0xffff000000000000ull | ((uint64_t)slot << 39);
}

static void mark_slots(bool used[512], uint64_t start, uint64_t size)
{
    if (!size)
        return;
    for (uint64_t s = (start >> 39) & 511; s <= (((start + size - 1) >> 39) & 511); s++)
        used[s] = true;
}

static int take_free_slot(bool used[512])
{
    for (int s = 510; s >= UPPER_FIRST_SLOT; s--)
        if (!used[s]) {
            used[s] = true;
            return s;
        }
    return -1;
}

static bool overlaps(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a_size && b_size && a < b + b_size && b < a + a_size;
}

/* The HHDM: [0, top) with top = max(4 GiB, end of the highest RAM entry) in 1 GiB. */
static int plan_hhdm(const struct eb_kernel *k, const struct eb_boot_input *in,
                     struct eb_layout *L, struct eb_error *err)
{
    uint64_t top = eb_memmap_ram_top(in->memmap, in->memmap_count);
    if (top < (4ull << 30))
        top = 4ull << 30;
    L->hhdm_top = EB_ALIGN_UP(top, EB_SIZE_1G);
    L->hhdm_base = k->hhdm_base;
    if (in->framebuffer.phys) {
        L->fb_phys = EB_ALIGN_DOWN(in->framebuffer.phys, EB_PAGE_SIZE);
        L->fb_size = EB_ALIGN_UP(in->framebuffer.phys + (uint64_t)in->framebuffer.pitch *
                                 in->framebuffer.height, EB_PAGE_SIZE) - L->fb_phys;
    }
    uint64_t extent = L->hhdm_top;
    if (L->fb_size && L->fb_phys + L->fb_size > extent)
        extent = L->fb_phys + L->fb_size;
    uint64_t kernel = k->virt_low + L->slide, kernel_size = k->virt_high - k->virt_low;
    if (L->hhdm_base + extent < L->hhdm_base || L->hhdm_base + extent > 0xfffffffffffff000ull)
        return eb_fail(err, EB_ERR_REQUEST,
                       "hhdm_base 0x%llx: the direct map of 0x%llx bytes would run past the top "
                       "of the address space", (unsigned long long)L->hhdm_base,
                       (unsigned long long)extent);
    if (overlaps(L->hhdm_base, extent, kernel, kernel_size))
        return eb_fail(err, EB_ERR_REQUEST,
                       "hhdm_base 0x%llx: the direct map (0x%llx bytes) overlaps the kernel at "
                       "0x%llx", (unsigned long long)L->hhdm_base, (unsigned long long)extent,
                       (unsigned long long)kernel);
    return EB_OK;
}

static int plan_slots(const struct eb_kernel *k, struct eb_layout *L, struct eb_error *err)
{
    bool used[512] = {false};
    mark_slots(used, k->virt_low + L->slide, k->virt_high - k->virt_low);
    mark_slots(used, L->hhdm_base, L->hhdm_top);
    if (L->fb_size)
        mark_slots(used, L->hhdm_base + L->fb_phys, L->fb_size);
    L->recursive_slot = -1;
    if ((k->req_flags & ELFBOOT_REQ_RECURSIVE_MAP) && (L->recursive_slot = take_free_slot(used)) < 0)
        return eb_fail(err, EB_ERR_BAD_ADDRESS, "no free upper-half PML4 slot for the recursive map");
    if ((L->area_slot = take_free_slot(used)) < 0)
        return eb_fail(err, EB_ERR_BAD_ADDRESS, "no free upper-half PML4 slot for the stack");
    L->trampoline_virt = slot_base(L->area_slot);
    return EB_OK;
}

/* The stack: its own pages (KERNEL), 2 MiB into the area slot, so that the pages below it
 * (its guard) are unmapped; the handoff page sits at the slot's start. */
static int plan_stack(const struct eb_platform *p, const struct eb_kernel *k,
                      struct eb_layout *L, struct eb_error *err)
{
    L->stack_size = k->stack_size;
    L->stack_phys = p->alloc(p->ctx, L->stack_size, EB_PAGE_SIZE, 0, ELFBOOT_MEM_KERNEL);
    if (!L->stack_phys) {
        char size[32];
        return eb_fail(err, EB_ERR_NO_MEMORY, "no memory for the kernel's %s stack",
                       eb_format_size(size, sizeof size, L->stack_size));
    }
    eb_phys_zero(p, L->stack_phys, L->stack_size); /* includes the null return address */
    L->stack_bottom = slot_base(L->area_slot) + EB_SIZE_2M;
    L->stack_top = L->stack_bottom + L->stack_size;
    return EB_OK;
}

int eb_plan_address_space(const struct eb_platform *p, const struct eb_kernel *k,
                          const struct eb_boot_input *in, struct eb_layout *L,
                          struct eb_error *err)
{
    int rc;
    if ((rc = plan_hhdm(k, in, L, err)) || (rc = plan_slots(k, L, err)) ||
        (rc = plan_stack(p, k, L, err)))
        return rc;
    return EB_OK;
}
