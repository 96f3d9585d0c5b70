/* pagetables.c: a walk of every present mapping under CR3 (tables read through the
 * HHDM). Each leaf must belong to exactly one thing the protocol maps ("Page tables at
 * entry"), with that thing's physical address and permissions:
 *   the kernel's segments    their own permissions, phys = kernel_phys + offset
 *   the stack                RW NX, with an unmapped guard page below
 *   the HHDM                 [0, top) at hhdm_base, RW NX, 1 GiB pages if the CPU has them
 *   the framebuffer          through the HHDM, also above top
 *   the identity map         [4 KiB, top), RW NX, unless the kernel asked for none
 *   one handoff page         RX, 4 KiB, in the upper half, outside everything else
 *   the recursive entry      only when asked for
 * and together they must cover all of their ranges. Nothing else may be mapped.
 * Also elfboot's own choices (docs/protocol.md, "How elfboot reads this text"): upper
 * levels writable and never NX, no global page, the stack 2 MiB into the PML4 slot
 * whose first page is the handoff page. */
#include "check.h"
#include "conformance.h"
#include "cpu.h"
#include "idt.h"
#include "paging.h"

#define HIGHER_HALF 0xffff800000000000ull
#define ANY_PHYS UINT64_MAX
#define MAX_REGIONS (MAX_KERNEL_RANGES + 4)

struct region {
    char check_name[32];        /* "paging.kernel-text" */
    bool kernel;                /* one of the kernel's segments */
    uint64_t start, end;        /* virtual */
    uint64_t phys;              /* physical address of start, or ANY_PHYS */
    bool write, exec;
    uint64_t expected, mapped;  /* bytes */
};

/* A kind of violation found leaf by leaf; the first few leaves are shown under its
 * FAIL line. */
#define PROBLEM_EXAMPLES 6
struct problem {
    const char *check_name, *what;
    unsigned count;
    struct pt_leaf leaf[PROBLEM_EXAMPLES];
    const char *region[PROBLEM_EXAMPLES];
};

struct walk {
    struct region regions[MAX_REGIONS];
    size_t count;
    struct region *hhdm;
    uint64_t hhdm_page_size;
    uint64_t lower_half_bytes;  /* outside the kernel's segments */
    unsigned handoff_pages;
    struct problem boundary, phys, perms, page_size, unexpected, handoff, upper, global;
};

static void problem(struct problem *p, const struct pt_leaf *l, const char *region)
{
    if (p->count < PROBLEM_EXAMPLES) {
        p->leaf[p->count] = *l;
        p->region[p->count] = region;
    }
    p->count++;
}

static struct region *add_region(struct walk *w, const char *name, uint64_t start,
                                 uint64_t end, uint64_t phys, bool write, bool exec)
{
    struct region *r = &w->regions[w->count++];
    *r = (struct region){ .start = start, .end = end, .phys = phys, .write = write,
                          .exec = exec, .expected = end - start };
    ksnprintf(r->check_name, sizeof r->check_name, "paging.%s", name);
    return r;
}

/* Bytes of [a, b) that the kernel's segments cover. */
static uint64_t kernel_bytes_in(const struct walk *w, size_t segments, uint64_t a, uint64_t b)
{
    uint64_t n = 0;
    for (size_t i = 0; i < segments; i++) {
        uint64_t s = w->regions[i].start > a ? w->regions[i].start : a;
        uint64_t e = w->regions[i].end < b ? w->regions[i].end : b;
        if (e > s)
            n += e - s;
    }
    return n;
}

static void build_regions(struct walk *w)
{
    struct elfboot_info *info = conf.info;
    struct kernel_range k[MAX_KERNEL_RANGES];
    size_t segments = kernel_ranges(k);
    for (size_t i = 0; i < segments; i++) {
        char name[24];
        ksnprintf(name, sizeof name, "kernel-%s", k[i].name);
        add_region(w, name, k[i].start, k[i].end,
                   info->kernel_phys + (k[i].start - info->kernel_virt), k[i].write, k[i].exec)
            ->kernel = true;
    }
    add_region(w, "stack", info->stack_top - info->stack_size, info->stack_top,
               ANY_PHYS, true, false);
    w->hhdm = add_region(w, "hhdm", conf.hhdm, conf.hhdm + conf.top, 0, true, false);
    const struct elfboot_framebuffer *fb = &info->framebuffer;
    uint64_t fb_end = fb->phys + (uint64_t)fb->pitch * fb->height;
    if (fb->phys && fb_end > conf.top) {
        uint64_t start = fb->phys > conf.top ? page_down(fb->phys) : conf.top;
        add_region(w, "framebuffer", conf.hhdm + start, conf.hhdm + page_up(fb_end),
                   start, true, false);
    }
    if (info->flags & ELFBOOT_INFO_IDENTITY_MAP) {
        struct region *id = add_region(w, "identity", 4096, conf.top, 4096, true, false);
        id->expected -= kernel_bytes_in(w, segments, 4096, conf.top); /* segments win */
    }
}

static struct region *region_of(struct walk *w, uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < w->count; i++)
        if (start < w->regions[i].end && w->regions[i].start < end)
            return &w->regions[i];
    return 0;
}

static void on_leaf(void *ctx, const struct pt_leaf *l)
{
    struct walk *w = ctx;
    uint64_t end = l->virt + l->size;
    struct region *r = region_of(w, l->virt, end);
    if (!l->upper_open)
        problem(&w->upper, l, r ? r->check_name : "");
    if (l->global)
        problem(&w->global, l, r ? r->check_name : "");
    if (l->virt < HIGHER_HALF && !(r && r->kernel))
        w->lower_half_bytes += l->size;
    if (!r) {
        /* The one page of handoff code the loader may leave: RX, upper half. */
        if (l->virt >= HIGHER_HALF && l->size == 4096 && !l->write && !l->nx &&
            w->handoff_pages++ == 0) {
            conf.handoff_virt = l->virt;
            conf.handoff_phys = l->phys;
            check_note("handoff page: virt 0x%lx -> phys 0x%lx", l->virt, l->phys);
        } else {
            problem(l->virt >= HIGHER_HALF && !l->write && !l->nx ? &w->handoff : &w->unexpected,
                    l, "nothing the protocol maps");
        }
        return;
    }
    if (l->virt < r->start || end > r->end) {
        problem(&w->boundary, l, r->check_name);
        return;
    }
    uint64_t want = r->phys == ANY_PHYS ? l->phys : r->phys + (l->virt - r->start);
    if (l->phys != want)
        problem(&w->phys, l, r->check_name);
    if (l->write != r->write || l->nx == r->exec)
        problem(&w->perms, l, r->check_name);
    if (r == w->hhdm && l->size != w->hhdm_page_size)
        problem(&w->page_size, l, r->check_name);
    r->mapped += l->size;
}

static struct walk walk;

static void do_walk(void *arg)
{
    static const struct pt_visitor visitor = { &walk, on_leaf, 0 };
    int skip = (conf.info->flags & ELFBOOT_INFO_RECURSIVE) ? (int)conf.info->recursive_index : -1;
    (void)arg;
    pt_walk(conf.pml4, skip, &visitor);
}

static bool cpu_has_1g_pages(void)
{
    uint32_t r[4];
    cpuid(0x80000000u, 0, r);
    if (r[0] < 0x80000001u)
        return false;
    cpuid(0x80000001u, 0, r);
    return r[3] & (1u << 26);
}

static void report_problem(const struct problem *p)
{
    if (check(p->count == 0, p->check_name, "%u leaves: %s", p->count, p->what))
        return;
    for (unsigned i = 0; i < p->count && i < PROBLEM_EXAMPLES; i++) {
        const struct pt_leaf *l = &p->leaf[i];
        check_note("virt 0x%lx size 0x%lx -> phys 0x%lx, %s %s (%s)", l->virt, l->size,
                   l->phys, l->write ? "RW" : "R", l->nx ? "NX" : "X", p->region[i]);
    }
}

static void check_recursive(void)
{
    volatile uint64_t *pml4 = phys_to_virt(conf.pml4);
    if (!(conf.info->flags & ELFBOOT_INFO_RECURSIVE)) {
        int self = -1;
        for (int i = 0; i < 512; i++)
            if ((pml4[i] & PTE_PRESENT) && (pml4[i] & PTE_ADDR) == conf.pml4)
                self = i;
        check(self < 0, "paging.no-recursive", "PML4 entry %d points at the PML4, but the "
              "kernel did not ask for a recursive map", self);
        return;
    }
    uint64_t idx = conf.info->recursive_index;
    if (idx < 256 || idx > 511)
        return; /* info.recursive-index failed already */
    uint64_t e = pml4[idx];
    check((e & PTE_PRESENT) && (e & PTE_ADDR) == conf.pml4 && (e & PTE_NX),
          "paging.recursive-entry", "PML4[%lu] = 0x%lx: expected present, NX, -> 0x%lx", idx, e,
          conf.pml4);
    /* Through the entry four times over, the PML4 appears as a 4 KiB page. */
    uint64_t self = canonical(idx << 39 | idx << 30 | idx << 21 | idx << 12);
    const volatile uint64_t *via = (const volatile uint64_t *)self;
    bool same = true;
    for (int i = 0; i < 512 && same; i++)
        same = via[i] == pml4[i];
    check(same, "paging.recursive-view", "the PML4 read at 0x%lx differs from the PML4", self);
}

/* elfboot puts the handoff page at the start of a PML4 slot and the stack 2 MiB into it. */
static void check_stack_slot(void)
{
    uint64_t bottom = conf.info->stack_top - conf.info->stack_size;
    uint64_t slot = bottom & ~((1ull << 39) - 1);
    check(bottom == slot + 2 * MiB && (!conf.handoff_virt || conf.handoff_virt == slot),
          "elfboot.stack-slot", "stack [0x%lx, 0x%lx), handoff page 0x%lx: expected the "
          "stack at 0x%lx, 2 MiB into the slot that starts with the handoff page", bottom,
          conf.info->stack_top, conf.handoff_virt, slot + 2 * MiB);
}

void check_page_tables(void)
{
    struct fault f;
    bool has_1g = cpu_has_1g_pages();
    walk.hhdm_page_size = has_1g ? GiB : 2 * MiB;
    walk.boundary.check_name = "paging.boundaries";
    walk.boundary.what = "a leaf crosses a region's edge";
    walk.phys.check_name = "paging.phys";
    walk.phys.what = "wrong physical address";
    walk.perms.check_name = "paging.permissions";
    walk.perms.what = "wrong permissions";
    walk.page_size.check_name = "paging.hhdm-page-size";
    walk.page_size.what = has_1g ? "HHDM leaf is not a 1 GiB page (the CPU has them)"
                                 : "HHDM leaf is not a 2 MiB page";
    walk.unexpected.check_name = "paging.nothing-else";
    walk.unexpected.what = "mapping the protocol does not allow";
    walk.handoff.check_name = "paging.handoff";
    walk.handoff.what = "a second RX page outside the kernel";
    walk.upper.check_name = "elfboot.upper-levels-open";
    walk.upper.what = "an upper-level entry above the leaf is read-only or NX";
    walk.global.check_name = "elfboot.no-global-pages";
    walk.global.what = "global (G bit set)";
    build_regions(&walk);

    if (fault_catch(do_walk, 0, &f)) {
        check_fail("paging.tables-readable", "reading a table through the HHDM faulted at "
                   "0x%lx (tables above top?)", f.cr2);
        return;
    }
    check_pass("paging.tables-readable");
    struct problem *problems[] = { &walk.boundary, &walk.phys, &walk.perms, &walk.page_size,
                                   &walk.unexpected, &walk.handoff, &walk.upper, &walk.global };
    for (unsigned i = 0; i < sizeof problems / sizeof problems[0]; i++)
        report_problem(problems[i]);
    for (size_t i = 0; i < walk.count; i++) {
        const struct region *r = &walk.regions[i];
        check(r->mapped == r->expected, r->check_name, "0x%lx of 0x%lx bytes of [0x%lx, "
              "0x%lx) mapped", r->mapped, r->expected, r->start, r->end);
    }
    if (!(conf.info->flags & ELFBOOT_INFO_IDENTITY_MAP))
        check(walk.lower_half_bytes == 0, "paging.no-lower-half", "0x%lx bytes mapped below "
              "the higher half without an identity map", walk.lower_half_bytes);
    struct pt_leaf l;
    uint64_t guard = conf.info->stack_top - conf.info->stack_size - 4096;
    check(!pt_translate(guard, &l), "paging.stack-guard", "the page below the stack, 0x%lx, "
          "is mapped", guard);
    check(!pt_translate(0, &l), "paging.page0-unmapped", "virtual page 0 is mapped");
    check_recursive();
    check_stack_slot();
}
