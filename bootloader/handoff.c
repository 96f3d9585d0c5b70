/* handoff.c: preparing the jump into the kernel (see trampoline.S for the jump itself).
 *
 * The loader runs on its own (firmware's) page tables, in which the kernel's upper half
 * does not exist; the kernel's tables need not map the loader (with
 * ELFBOOT_REQ_NO_IDENTITY_MAP its lower half is empty). So the switch goes through one
 * page P mapped in both: identity in small intermediate tables that also carry the
 * kernel's upper half, and at V in the kernel's own tables. */
#include "loader.h"
#include "util.h"

struct __attribute__((packed)) eb_trampoline_params {
    uint64_t intermediate_cr3, final_cr3, high, stack, entry, info;
    uint64_t gdt[3];
    uint16_t gdt_limit;
    uint64_t gdt_base;
};
_Static_assert(sizeof(struct eb_trampoline_params) == 82, "matches trampoline.S");

extern const char eb_trampoline_start[], eb_trampoline_high[], eb_trampoline_params[],
    eb_trampoline_end[];

int eb_prepare_handoff(const struct eb_platform *p, const struct eb_kernel *k,
                       const struct eb_layout *L, struct eb_boot *boot, struct eb_error *err)
{
    uint64_t code_size = (uint64_t)(eb_trampoline_end - eb_trampoline_start);
    uint64_t params_at = (uint64_t)(eb_trampoline_params - eb_trampoline_start);
    if (eb_trampoline_end - eb_trampoline_params != sizeof(struct eb_trampoline_params))
        return eb_fail(err, EB_ERR_BAD_ADDRESS, "handoff code and its parameters disagree");

    uint64_t page = p->alloc(p->ctx, EB_PAGE_SIZE, EB_PAGE_SIZE, 0,
                             ELFBOOT_MEM_LOADER_RECLAIMABLE | EB_ALLOC_EXECUTABLE);
    uint64_t inter = eb_alloc_table(p);
    if (!page || !inter)
        return eb_fail(err, EB_ERR_NO_MEMORY, "no memory for the handoff page");
    eb_phys_zero(p, page, EB_PAGE_SIZE);
    eb_phys_copy(p, page, eb_trampoline_start, code_size);

    /* V in the kernel's tables: read-only and executable. */
    int rc = eb_map(p, L->pml4_phys, L->trampoline_virt, page, EB_PAGE_SIZE, 0, 1, false, err);
    if (rc)
        return rc;
    /* The intermediate tables: the kernel's upper half, shared, and P at P. */
    uint64_t *from = p->phys_ptr(p->ctx, L->pml4_phys, EB_PAGE_SIZE);
    uint64_t *to = p->phys_ptr(p->ctx, inter, EB_PAGE_SIZE);
    for (int i = 256; i < 512; i++)
        to[i] = from[i];
    if ((rc = eb_map(p, inter, page, page, EB_PAGE_SIZE, 0, 1, false, err)))
        return rc;

    uint8_t *bytes = p->phys_ptr(p->ctx, page, EB_PAGE_SIZE);
    struct eb_trampoline_params params;
    memcpy(&params, bytes + params_at, sizeof params);
    params.intermediate_cr3 = inter;
    params.final_cr3 = L->pml4_phys;
    params.high = L->trampoline_virt + (uint64_t)(eb_trampoline_high - eb_trampoline_start);
    params.stack = L->stack_top - 8;
    params.entry = k->entry + L->slide;
    params.info = L->hhdm_base + boot->info_phys;
    params.gdt_base = L->hhdm_base + page + params_at +
                      __builtin_offsetof(struct eb_trampoline_params, gdt);
    memcpy(bytes + params_at, &params, sizeof params);

    boot->trampoline_phys = page;
    boot->trampoline_virt = L->trampoline_virt;
    return EB_OK;
}

void eb_handoff(const struct eb_boot *boot)
{
    void (*trampoline)(void) = (void (*)(void))(uintptr_t)boot->trampoline_phys;
    trampoline();
    __builtin_unreachable();
}
