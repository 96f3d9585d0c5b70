/* boot.c: load a test kernel into a simulated machine and check the protocol (boot.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "boot.h"
#include "elf64.h"
#include "memmap.h"

#define GIB (1ull << 30)
static const char module_a[] = "first module: some bytes";
static const char module_b[] = "second";

void boot_kernel(const struct boot_case *c, struct booted *b)
{
    memset(b, 0, sizeof *b);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", TEST_ELF_DIR, c->elf);
    b->file = sim_read_file(path, &b->file_size);
    size_t n = c->map ? c->map_count : sim_pc_map(b->raw, c->ram ? c->ram : 128ull << 20);
    if (c->map) {
        assert_true(n <= BOOT_MAX_RAW);
        memcpy(b->raw, c->map, n * sizeof *b->raw);
    }
    b->sim = calloc(1, sizeof *b->sim);
    sim_init(b->sim, b->raw, n, c->has_1g);
    b->sim->entropy = c->entropy;

    b->rc = eb_kernel_inspect(b->file, b->file_size, &b->k, &b->err);
    if (b->rc)
        return;
    const char *names[2] = {"initrd", "second module"};
    const char *bytes[2] = {module_a, module_b};
    for (int i = 0; i < 2; i++) {
        size_t len = strlen(bytes[i]);
        b->modules[i] = (struct eb_module_input){sim_alloc(b->sim, len, ELFBOOT_MEM_MODULES),
                                                 len, names[i]};
        memcpy(sim_find(b->sim, b->modules[i].phys, len)->mem, bytes[i], len);
    }
    b->in = (struct eb_boot_input){
        .firmware = ELFBOOT_FIRMWARE_BIOS,
        .loader_name = "elfboot test (sim)",
        .cmdline = "console=ttyS0 the command line",
        .modules = b->modules,
        .module_count = 2,
        .rsdp = 0xf5a40,
        .boot_time = 1700000000,
        .memmap = b->raw,
        .memmap_count = (uint32_t)n,
    };
    if (c->fb_phys)
        b->in.framebuffer = (struct elfboot_framebuffer){
            .phys = c->fb_phys, .width = 1024, .height = 768, .pitch = 4096, .bpp = 32,
            .red_size = 8, .red_shift = 16, .green_size = 8, .green_shift = 8,
            .blue_size = 8, .blue_shift = 0};
    b->rc = eb_load(&b->sim->platform, &b->in, &b->k, &b->boot, &b->err);
    if (b->rc)
        return;
    b->rc = eb_finish_memmap(&b->boot, b->sim->pm.map, b->sim->pm.count, &b->err);
    if (b->rc)
        return;
    walk_tables(b->sim, b->boot.pml4_phys, &b->w);
}

void boot_free(struct booted *b)
{
    walk_free(&b->w);
    sim_free(b->sim);
    free(b->sim);
    free(b->file);
}

static uint8_t *virt_ptr(struct booted *b, uint64_t virt, uint64_t len)
{
    const struct run *r = walk_find(&b->w, virt);
    assert_non_null(r);
    assert_true(virt - r->virt + len <= r->size);
    struct sim_block *blk = sim_find(b->sim, r->phys + (virt - r->virt), len);
    assert_non_null(blk);
    return blk->mem + (r->phys + (virt - r->virt) - blk->phys);
}

uint64_t read_virt64(struct booted *b, uint64_t virt)
{
    uint64_t v;
    memcpy(&v, virt_ptr(b, virt, 8), 8);
    return v;
}

/* The type of the final map's entry holding [phys, phys + len), or 0. */
static uint32_t type_of(struct booted *b, uint64_t phys, uint64_t len)
{
    const struct elfboot_info *info = b->boot.info;
    for (uint64_t i = 0; i < info->memmap_count; i++) {
        const struct elfboot_memmap_entry *e = &b->boot.memmap[i];
        if (phys >= e->base && phys + len <= e->base + e->length)
            return e->type;
    }
    return 0;
}

static bool is_ram(uint32_t t)
{
    return t == ELFBOOT_MEM_USABLE || t == ELFBOOT_MEM_ACPI_RECLAIMABLE ||
           t == ELFBOOT_MEM_ACPI_NVS || t == ELFBOOT_MEM_LOADER_RECLAIMABLE ||
           t == ELFBOOT_MEM_KERNEL || t == ELFBOOT_MEM_MODULES ||
           t == ELFBOOT_MEM_FIRMWARE_RUNTIME;
}

/* Where the HHDM must end, computed from the firmware map the test gave. */
static uint64_t expected_top(struct booted *b)
{
    uint64_t top = 4 * GIB;
    for (uint32_t i = 0; i < b->in.memmap_count; i++)
        if (is_ram(b->raw[i].type) && b->raw[i].base + b->raw[i].length > top)
            top = b->raw[i].base + b->raw[i].length;
    return (top + GIB - 1) & ~(GIB - 1);
}

/* Every byte of [virt, virt + size) maps to phys + offset with the given rights. */
static void check_linear(struct booted *b, const char *what, uint64_t virt, uint64_t phys,
                         uint64_t size, bool write, bool exec)
{
    uint64_t done = 0;
    while (done < size) {
        const struct run *r = walk_find(&b->w, virt + done);
        if (!r)
            fail_msg("%s: 0x%llx is not mapped", what, (unsigned long long)(virt + done));
        if (r->phys + (virt + done - r->virt) != phys + done)
            fail_msg("%s: 0x%llx maps to 0x%llx, expected 0x%llx", what,
                     (unsigned long long)(virt + done),
                     (unsigned long long)(r->phys + (virt + done - r->virt)),
                     (unsigned long long)(phys + done));
        if (r->write != write || r->exec != exec)
            fail_msg("%s: 0x%llx has write=%d exec=%d, expected write=%d exec=%d", what,
                     (unsigned long long)(virt + done), r->write, r->exec, write, exec);
        done += r->size - (virt + done - r->virt);
    }
}

static void check_memmap_rules(struct booted *b)
{
    const struct elfboot_info *info = b->boot.info;
    const struct elfboot_memmap_entry *m = b->boot.memmap;
    assert_true(info->memmap_count > 0);
    uint64_t ram_in = 0, ram_out = 0;
    for (uint64_t i = 0; i < info->memmap_count; i++) {
        assert_true(m[i].length > 0);
        assert_true(m[i].type >= ELFBOOT_MEM_USABLE && m[i].type <= ELFBOOT_MEM_FIRMWARE_RUNTIME);
        assert_int_equal(m[i].reserved, 0);
        if (m[i].type == ELFBOOT_MEM_USABLE) {
            assert_int_equal(m[i].base & 4095, 0);
            assert_int_equal(m[i].length & 4095, 0);
        }
        if (i) {
            assert_true(m[i].base >= m[i - 1].base + m[i - 1].length); /* sorted, apart */
            if (m[i].base == m[i - 1].base + m[i - 1].length)
                assert_true(m[i].type != m[i - 1].type); /* merged */
        }
        if (is_ram(m[i].type))
            ram_out += m[i].length;
    }
    /* No RAM lost or invented: the normalised firmware map holds as much. */
    static struct elfboot_memmap_entry norm[EB_MEMMAP_WORST_CASE(BOOT_MAX_RAW)];
    size_t n;
    assert_int_equal(eb_memmap_normalise(b->raw, b->in.memmap_count, norm,
                                         sizeof norm / sizeof norm[0], &n), EB_OK);
    for (size_t i = 0; i < n; i++)
        if (is_ram(norm[i].type))
            ram_in += norm[i].length;
    assert_int_equal(ram_in, ram_out);
}

static void check_segments(struct booted *b)
{
    const struct eb_kernel *k = &b->k;
    uint64_t slide = b->boot.slide;
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        uint64_t v = s->vaddr + slide;
        const struct run *r = walk_find(&b->w, v);
        assert_non_null(r);
        uint64_t phys = r->phys + (v - r->virt);
        assert_int_equal(type_of(b, phys, s->memsz), ELFBOOT_MEM_KERNEL);
        /* The bytes: the file's (ET_EXEC: PIE words move), then zeroes to the end. */
        for (uint64_t j = 0; k->elf_type == ET_EXEC && j < s->filesz;) {
            uint64_t chunk = 4096 - ((v + j) & 4095);
            if (chunk > s->filesz - j)
                chunk = s->filesz - j;
            assert_memory_equal(virt_ptr(b, v + j, chunk), k->file + s->offset + j, chunk);
            j += chunk;
        }
        for (uint64_t j = s->filesz; j < s->memsz; j += 509)
            assert_int_equal(*virt_ptr(b, v + j, 1), 0);
        if (s->memsz > s->filesz)
            assert_int_equal(*virt_ptr(b, v + s->memsz - 1, 1), 0);
        /* Rights: exact, per page, RELRO aside (checked by its own test). */
        bool relro = k->relro_size && s->vaddr >= k->relro_vaddr &&
                     s->vaddr < k->relro_vaddr + k->relro_size;
        for (uint64_t page = v & ~4095ull; page < v + s->memsz; page += 4096) {
            const struct run *pr = walk_find(&b->w, page);
            assert_non_null(pr);
            assert_int_equal(pr->exec, (s->flags & PF_X) != 0);
            if (!relro)
                assert_int_equal(pr->write, (s->flags & PF_W) != 0);
            else
                assert_false(pr->exec && pr->write);
        }
    }
}

/* Every mapping is one the protocol allows; the trampoline is the one stray page. */
static void check_nothing_else(struct booted *b, uint64_t top)
{
    const struct elfboot_info *info = b->boot.info;
    uint64_t kv = info->kernel_virt, ks = info->kernel_size;
    uint64_t stack_lo = info->stack_top - info->stack_size;
    bool identity = info->flags & ELFBOOT_INFO_IDENTITY_MAP;
    int stray = 0;
    for (size_t i = 0; i < b->w.count; i++) {
        const struct run *r = &b->w.runs[i];
        for (uint64_t v = r->virt; v - r->virt < r->size;) {
            uint64_t step = 4096;
            if (v >= kv && v < kv + ks) {
            } else if (v >= info->hhdm_base && v - info->hhdm_base < top) {
                step = info->hhdm_base + top - v;
            } else if (info->framebuffer.phys && v >= info->framebuffer.virt &&
                       v < info->framebuffer.virt + (uint64_t)info->framebuffer.pitch * info->framebuffer.height) {
            } else if (identity && v >= 4096 && v < top) {
                step = top - v;
            } else if (v >= stack_lo && v < info->stack_top) {
            } else if (v == b->boot.trampoline_virt && r->exec && !r->write && v >= 0xffff800000000000ull) {
                stray++;
            } else {
                fail_msg("unexpected mapping of 0x%llx -> 0x%llx", (unsigned long long)v,
                         (unsigned long long)(r->phys + (v - r->virt)));
            }
            if (step > r->size - (v - r->virt))
                step = r->size - (v - r->virt);
            v += step;
        }
    }
    assert_int_equal(stray, 1);
}

static void check_info_pointers(struct booted *b)
{
    struct elfboot_info *info = b->boot.info;
    uint64_t h = info->hhdm_base;
    uint64_t info_phys = b->boot.info_phys;
    assert_int_equal(type_of(b, info_phys, sizeof *info), ELFBOOT_MEM_LOADER_RECLAIMABLE);
    struct { uint64_t virt; const char *expect; } strings[] = {
        {info->cmdline, b->in.cmdline}, {info->loader_name, b->in.loader_name},
    };
    for (size_t i = 0; i < 2; i++) {
        assert_true(strings[i].virt > h);
        const char *s = (const char *)virt_ptr(b, strings[i].virt, strlen(strings[i].expect) + 1);
        assert_string_equal(s, strings[i].expect);
        assert_int_equal(type_of(b, strings[i].virt - h, strlen(s) + 1), ELFBOOT_MEM_LOADER_RECLAIMABLE);
    }
    assert_int_equal(type_of(b, info->memmap - h, info->memmap_count * 24), ELFBOOT_MEM_LOADER_RECLAIMABLE);
    assert_int_equal(info->module_count, 2);
    struct elfboot_module *m = (struct elfboot_module *)virt_ptr(b, info->modules, 2 * sizeof *m);
    assert_int_equal(type_of(b, info->modules - h, 2 * sizeof *m), ELFBOOT_MEM_LOADER_RECLAIMABLE);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(m[i].phys, b->modules[i].phys);
        assert_int_equal(m[i].virt, h + m[i].phys);
        assert_int_equal(m[i].virt & 4095, 0);
        assert_int_equal(m[i].size, b->modules[i].size);
        assert_string_equal((const char *)virt_ptr(b, m[i].name, strlen(b->modules[i].name) + 1),
                            b->modules[i].name);
        assert_memory_equal(virt_ptr(b, m[i].virt, m[i].size), i ? module_b : module_a, m[i].size);
        assert_int_equal(type_of(b, m[i].phys, m[i].size), ELFBOOT_MEM_MODULES);
    }
    for (size_t i = 0; i < b->w.table_pages && i < 8192; i++)
        assert_int_equal(type_of(b, b->w.table_phys[i], 4096), ELFBOOT_MEM_LOADER_RECLAIMABLE);
    assert_int_equal(type_of(b, b->boot.trampoline_phys, 4096), ELFBOOT_MEM_LOADER_RECLAIMABLE);
}

void check_protocol(struct booted *b)
{
    if (b->rc)
        fail_msg("boot failed: %s (%s)", b->err.message, eb_status_name(b->rc));
    struct elfboot_info *info = b->boot.info;
    assert_int_equal(info->magic, ELFBOOT_INFO_MAGIC);
    assert_int_equal(info->version, 1);
    assert_int_equal(info->size, 240);
    assert_int_equal(info->firmware, ELFBOOT_FIRMWARE_BIOS);
    assert_int_equal(info->rsdp, 0xf5a40);
    assert_int_equal(info->boot_time, 1700000000);
    assert_int_equal(info->hhdm_base, b->k.hhdm_base);

    uint64_t top = expected_top(b);
    assert_int_equal(b->boot.hhdm_top, top);
    check_linear(b, "HHDM", info->hhdm_base, 0, top, true, false);
    if (info->flags & ELFBOOT_INFO_IDENTITY_MAP) {
        assert_null(walk_find(&b->w, 0));
        check_linear(b, "identity map", 4096, 4096, b->k.higher_half ? top - 4096 : 0, true, false);
    } else {
        for (size_t i = 0; i < b->w.count; i++)
            assert_true(b->w.runs[i].virt >= 0xffff800000000000ull); /* lower half empty */
    }
    /* Page sizes: 1 GiB pages for the HHDM and the identity map exactly when the CPU
     * has them. */
    const struct run *hh = walk_find(&b->w, info->hhdm_base + GIB);
    assert_int_equal(hh->largest_page_level, b->sim->platform.has_1g_pages ? 3 : 2);
    if ((info->flags & ELFBOOT_INFO_IDENTITY_MAP) && b->k.higher_half) {
        const struct run *id = walk_find(&b->w, GIB);
        assert_non_null(id);
        assert_int_equal(id->largest_page_level, b->sim->platform.has_1g_pages ? 3 : 2);
    }
    if (info->framebuffer.phys) {
        assert_int_equal(info->framebuffer.virt, info->hhdm_base + info->framebuffer.phys);
        check_linear(b, "framebuffer", info->framebuffer.virt, info->framebuffer.phys,
                     (uint64_t)info->framebuffer.pitch * info->framebuffer.height, true, false);
        assert_int_equal(type_of(b, info->framebuffer.phys, 4096), ELFBOOT_MEM_FRAMEBUFFER);
    }

    /* The stack: RW NX, KERNEL memory, zero return address, unmapped guard below. */
    assert_int_equal(info->stack_top & 15, 0);
    assert_int_equal(info->stack_size, b->k.stack_size);
    const struct run *st = walk_find(&b->w, info->stack_top - 8);
    assert_non_null(st);
    check_linear(b, "stack", info->stack_top - info->stack_size,
                 st->phys + (info->stack_top - 8 - st->virt) + 8 - info->stack_size,
                 info->stack_size, true, false);
    assert_int_equal(type_of(b, st->phys, info->stack_size), ELFBOOT_MEM_KERNEL);
    assert_int_equal(read_virt64(b, info->stack_top - 8), 0);
    assert_null(walk_find(&b->w, info->stack_top - info->stack_size - 4096));

    /* The kernel */
    assert_int_equal(info->kernel_virt, b->k.virt_low + b->boot.slide);
    assert_int_equal(info->kernel_size, b->k.virt_high - b->k.virt_low);
    assert_int_equal(info->kernel_slide, b->boot.slide);
    assert_int_equal(b->boot.entry, b->k.entry + b->boot.slide);
    const struct run *kr = walk_find(&b->w, info->kernel_virt);
    assert_non_null(kr);
    assert_int_equal(kr->phys + (info->kernel_virt - kr->virt), info->kernel_phys);
    check_segments(b);

    check_memmap_rules(b);
    check_info_pointers(b);
    check_nothing_else(b, top);
    if (info->flags & ELFBOOT_INFO_RECURSIVE) {
        assert_int_equal(b->w.recursive_slot, (int)info->recursive_index);
        assert_true(info->recursive_index >= 256 && info->recursive_index < 512);
        assert_true(b->w.recursive_nx);
    } else {
        assert_int_equal(b->w.recursive_slot, -1);
    }
}
