/* objects.c: everything the loader allocated for the kernel lies in a memory-map entry
 * of the type the protocol names ("Memory map rules"): the kernel's segments and stack
 * KERNEL; modules MODULES; the boot info, the memory-map and module arrays, every
 * string, every page-table page and the GDT LOADER_RECLAIMABLE; the framebuffer in no
 * RAM-type entry. */
#include "check.h"
#include "conformance.h"
#include "entry_state.h"
#include "paging.h"
#include "kstring.h"

static bool expect_type(const char *name, uint64_t phys, uint64_t size, uint32_t type)
{
    uint32_t got = memmap_type_of(phys, size);
    return check(got == type, name, "[0x%lx, 0x%lx) is in %s memory, expected %s", phys,
                 phys + size, got ? memmap_type_name(got) : "no single entry's",
                 memmap_type_name(type));
}

/* An HHDM object of the boot info: its physical range must be loader-reclaimable. */
static void expect_info_object(const char *name, uint64_t virt, uint64_t size)
{
    if (size && is_hhdm(virt, size))
        expect_type(name, virt - conf.hhdm, size, ELFBOOT_MEM_LOADER_RECLAIMABLE);
}

static void expect_string(const char *name, uint64_t virt)
{
    if (is_hhdm_string(virt, 4096))
        expect_info_object(name, virt, strlen((const char *)virt) + 1);
}

/* The stack, page by page through the live tables: it need not be contiguous. */
static void check_stack_memory(void)
{
    const struct elfboot_info *info = conf.info;
    unsigned wrong = 0;
    uint64_t first = 0;
    uint32_t first_type = 0;
    for (uint64_t v = info->stack_top - info->stack_size; v < info->stack_top; v += 4096) {
        struct pt_leaf l;
        uint32_t type = pt_translate(v, &l) ? memmap_type_of(l.phys, 4096) : 0;
        if (type != ELFBOOT_MEM_KERNEL && wrong++ == 0)
            first = v, first_type = type;
    }
    check(wrong == 0, "memory.stack", "%u stack pages are not in kernel memory; the first, "
          "0x%lx, is %s", wrong, first, first_type ? memmap_type_name(first_type)
                                                   : "unmapped or in no entry");
}

struct table_check {
    unsigned tables, wrong;
    uint64_t first;      /* the first table in the wrong memory */
    int first_level;
    uint32_t first_type;
};

static void on_table(void *ctx, uint64_t phys, int level)
{
    struct table_check *t = ctx;
    t->tables++;
    uint32_t type = memmap_type_of(phys, 4096);
    if (type != ELFBOOT_MEM_LOADER_RECLAIMABLE && t->wrong++ == 0) {
        t->first = phys;
        t->first_level = level;
        t->first_type = type;
    }
}

static void ignore_leaf(void *ctx, const struct pt_leaf *l) { (void)ctx, (void)l; }

static void check_table_memory(void)
{
    struct table_check t = { 0 };
    struct pt_visitor v = { &t, ignore_leaf, on_table };
    int skip = (conf.info->flags & ELFBOOT_INFO_RECURSIVE) ? (int)conf.info->recursive_index : -1;
    pt_walk(conf.pml4, skip, &v);
    check(t.wrong == 0, "memory.page-tables", "%u of %u page-table pages are not "
          "loader-reclaimable; the first, a level-%d table at 0x%lx, is in %s memory", t.wrong,
          t.tables, t.first_level, t.first, t.first_type ? memmap_type_name(t.first_type)
                                                         : "no entry's");
}

static void check_gdt_memory(void)
{
    struct pt_leaf l;
    uint64_t base = entry_state.gdtr.base, size = entry_state.gdtr.limit + 1u;
    if (!pt_translate(base, &l))
        return; /* gdt.readable failed already */
    expect_type("memory.gdt", l.phys, size, ELFBOOT_MEM_LOADER_RECLAIMABLE);
    if (conf.handoff_phys)
        expect_type("memory.handoff-page", conf.handoff_phys, 4096,
                    ELFBOOT_MEM_LOADER_RECLAIMABLE);
}

static void check_module_memory(void)
{
    const struct elfboot_info *info = conf.info;
    const struct elfboot_module *m = (const struct elfboot_module *)info->modules;
    if (!info->module_count || !is_hhdm(info->modules, info->module_count * sizeof *m))
        return;
    expect_info_object("memory.module-array", info->modules, info->module_count * sizeof *m);
    for (uint64_t i = 0; i < info->module_count; i++) {
        char name[40];
        ksnprintf(name, sizeof name, "memory.module%lu", i);
        if (m[i].size)
            expect_type(name, m[i].phys, page_up(m[i].size), ELFBOOT_MEM_MODULES);
        ksnprintf(name, sizeof name, "memory.module%lu-name", i);
        expect_string(name, m[i].name);
    }
}

void check_loader_memory(void)
{
    const struct elfboot_info *info = conf.info;
    expect_type("memory.kernel", info->kernel_phys, page_up(info->kernel_size),
                ELFBOOT_MEM_KERNEL);
    check_stack_memory();
    expect_info_object("memory.boot-info", (uint64_t)info, info->size);
    expect_info_object("memory.memmap-array", info->memmap,
                       info->memmap_count * sizeof(struct elfboot_memmap_entry));
    expect_string("memory.cmdline", info->cmdline);
    expect_string("memory.loader-name", info->loader_name);
    check_module_memory();
    check_table_memory();
    check_gdt_memory();
    const struct elfboot_framebuffer *fb = &info->framebuffer;
    if (fb->phys)
        check(!memmap_has_ram_in(fb->phys, (uint64_t)fb->pitch * fb->height),
              "memory.framebuffer", "[0x%lx, +0x%lx) overlaps a RAM-type entry", fb->phys,
              (uint64_t)fb->pitch * fb->height);
}
