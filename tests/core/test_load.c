/* test_load.c: the core loads real ELF kernels into a simulated machine; every rule of
 * the protocol is then checked on the page tables, memory and boot info it produced. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gelf.h>

#include "boot.h"

#define MIB (1ull << 20)
#define GIB (1ull << 30)

/* A symbol's link-time value, read with libelf (independent of the core's reader). */
static uint64_t symbol(struct booted *b, const char *name)
{
    elf_version(EV_CURRENT);
    Elf *e = elf_memory(b->file, b->file_size);
    assert_non_null(e);
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(e, scn))) {
        GElf_Shdr sh;
        gelf_getshdr(scn, &sh);
        if (sh.sh_type != SHT_SYMTAB)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
            GElf_Sym sym;
            gelf_getsym(d, (int)i, &sym);
            const char *n = elf_strptr(e, sh.sh_link, sym.st_name);
            if (n && !strcmp(n, name)) {
                elf_end(e);
                return sym.st_value;
            }
        }
    }
    elf_end(e);
    fail_msg("symbol %s not found", name);
    return 0;
}

/* The program header of `type`, read with libelf. */
static GElf_Phdr program_header(struct booted *b, uint32_t type)
{
    elf_version(EV_CURRENT);
    Elf *e = elf_memory(b->file, b->file_size);
    size_t n;
    GElf_Phdr ph = {0};
    elf_getphdrnum(e, &n);
    for (size_t i = 0; i < n; i++)
        if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == type)
            break;
    elf_end(e);
    assert_int_equal(ph.p_type, type);
    return ph;
}

static void boot_ok(struct booted *b, const struct boot_case *c)
{
    boot_kernel(c, b);
    check_protocol(b);
}

static void higher_half_128m(void **state)
{
    (void)state;
    struct booted b;
    boot_ok(&b, &(struct boot_case){.elf = "higher.elf", .ram = 128 * MIB, .has_1g = true,
                                    .fb_phys = 0xfd000000});
    assert_int_equal(b.boot.slide, 0);
    assert_int_equal(b.boot.info->kernel_virt, 0xffffffff80000000ull);
    assert_int_equal(b.boot.info->kernel_phys & (2 * MIB - 1), 0); /* 2 MiB aligned */
    assert_int_equal(b.boot.info->flags, ELFBOOT_INFO_IDENTITY_MAP);
    assert_int_equal(b.boot.hhdm_top, 4 * GIB); /* QEMU's reserved range near 1 TiB ignored */
    assert_int_equal(b.boot.info->tls.start, 0);
    boot_free(&b);
}

static void higher_half_without_1g_pages(void **state)
{
    (void)state;
    struct booted b;
    boot_ok(&b, &(struct boot_case){.elf = "higher.elf", .ram = 128 * MIB, .has_1g = false});
    for (size_t i = 0; i < b.w.count; i++)
        assert_true(b.w.runs[i].largest_page_level <= 2);
    boot_free(&b);
}

static void memory_above_4g(void **state)
{
    (void)state;
    struct booted b;
    boot_ok(&b, &(struct boot_case){.elf = "higher.elf", .ram = 6 * GIB, .has_1g = true});
    assert_int_equal(b.boot.hhdm_top, 7 * GIB); /* 3 GiB below the hole, 3 above 4 GiB */
    boot_free(&b);
}

/* A firmware map of 300 entries, as a machine with many small reserved holes gives it:
 * 4 KiB reserved pages every 64 KiB from 64 MiB on, the entries in reverse order, and
 * every usable piece between them. The kernel still loads; check_protocol checks every
 * rule of the map it gets (sorted, merged, nothing lost) and every mapping. */
static void many_firmware_entries(void **state)
{
    (void)state;
    static struct elfboot_memmap_entry map[300];
    size_t n = 0;
    map[n++] = (struct elfboot_memmap_entry){0, 0x9f000, ELFBOOT_MEM_USABLE, 0};
    map[n++] = (struct elfboot_memmap_entry){0xf0000, 0x10000, ELFBOOT_MEM_RESERVED, 0};
    map[n++] = (struct elfboot_memmap_entry){0x100000, 63 * MIB, ELFBOOT_MEM_USABLE, 0};
    uint64_t at = 64 * MIB;
    while (n + 3 <= 300) {
        map[n++] = (struct elfboot_memmap_entry){at, 60 * 1024, ELFBOOT_MEM_USABLE, 0};
        map[n++] = (struct elfboot_memmap_entry){at + 60 * 1024, 4096, ELFBOOT_MEM_RESERVED, 0};
        at += 64 * 1024;
    }
    map[n++] = (struct elfboot_memmap_entry){at, 512 * MIB - at, ELFBOOT_MEM_USABLE, 0};
    for (size_t i = 0; i < n / 2; i++) { /* unsorted: firmware owes us no order */
        struct elfboot_memmap_entry t = map[i];
        map[i] = map[n - 1 - i], map[n - 1 - i] = t;
    }
    struct booted b;
    boot_ok(&b, &(struct boot_case){.elf = "higher.elf", .map = map, .map_count = n,
                                    .has_1g = true});
    assert_true(b.boot.info->memmap_count > 290);
    boot_free(&b);
}

static void memory_near_1t(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry map[] = {
        {0, 0x9f000, ELFBOOT_MEM_USABLE, 0},
        {0x100000, 512 * MIB, ELFBOOT_MEM_USABLE, 0},
        {1023 * GIB, GIB - 4096, ELFBOOT_MEM_USABLE, 0},
        {1024 * GIB, 16 * GIB, ELFBOOT_MEM_RESERVED, 0},
    };
    for (int has_1g = 1; has_1g >= 0; has_1g--) {
        struct booted b;
        boot_ok(&b, &(struct boot_case){.elf = "higher.elf", .map = map, .map_count = 4,
                                        .has_1g = has_1g});
        assert_int_equal(b.boot.hhdm_top, 1024 * GIB);
        boot_free(&b);
    }
}

static void framebuffer_above_top(void **state)
{
    (void)state;
    struct booted b;
    boot_ok(&b, &(struct boot_case){.elf = "higher.elf", .ram = 256 * MIB, .has_1g = true,
                                    .fb_phys = 0x38000000000ull});
    assert_int_equal(b.boot.hhdm_top, 4 * GIB);
    boot_free(&b);
}

static void check_pointers(struct booted *b, bool relro)
{
    uint64_t slide = b->boot.slide;
    const char *targets[] = {"value_a", "value_b", "message", "kmain", "big_bss"};
    uint64_t table = symbol(b, relro ? "relro_pointers" : "pointers") + slide;
    for (size_t i = 0; i < (relro ? 2 : 5); i++) {
        uint64_t want = symbol(b, relro && i == 1 ? "message" : targets[i]) + slide;
        assert_int_equal(read_virt64(b, table + 8 * i), want);
    }
}

static void pie_relocated(void **state)
{
    (void)state;
    const char *files[] = {"pie.elf", "pie-shared.elf", "pie-relr.elf"};
    for (size_t f = 0; f < 3; f++) {
        struct booted b;
        boot_ok(&b, &(struct boot_case){.elf = files[f], .ram = 128 * MIB, .has_1g = true});
        assert_int_equal(b.boot.info->kernel_virt, 0xffffffff80000000ull);
        assert_true(b.boot.info->flags & ELFBOOT_INFO_RELOCATED);
        assert_false(b.boot.info->flags & ELFBOOT_INFO_KASLR);
        assert_true(b.k.reloc_count >= 7);
        check_pointers(&b, false);
        check_pointers(&b, true);
        /* PT_GNU_RELRO: read-only after relocation. */
        uint64_t relro = symbol(&b, "relro_pointers") + b.boot.slide;
        const struct run *r = walk_find(&b.w, relro);
        assert_false(r->write);
        assert_false(r->exec);
        /* ... while .data stays writable */
        assert_true(walk_find(&b.w, symbol(&b, "value_a") + b.boot.slide)->write);
        boot_free(&b);
    }
}

static void kaslr_slides(void **state)
{
    (void)state;
    uint64_t seen[4];
    for (int i = 0; i < 4; i++) {
        struct booted b;
        boot_ok(&b, &(struct boot_case){.elf = "kaslr.elf", .ram = 128 * MIB, .has_1g = true,
                                        .entropy = 0x9e3779b97f4a7c15ull * (uint64_t)(i + 1)});
        assert_true(b.boot.info->flags & ELFBOOT_INFO_KASLR);
        assert_int_equal(b.boot.slide & (2 * MIB - 1), 0);
        assert_true(b.boot.info->kernel_virt >= 0xffffffff80000000ull);
        assert_true(b.boot.info->kernel_virt + b.boot.info->kernel_size <= 0xffffffffffe00000ull);
        check_pointers(&b, false);
        seen[i] = b.boot.slide;
        boot_free(&b);
    }
    assert_true(seen[0] != seen[1] || seen[1] != seen[2] || seen[2] != seen[3]);
}

static void lower_half_at_2m(void **state)
{
    (void)state;
    struct booted b;
    boot_ok(&b, &(struct boot_case){.elf = "low.elf", .ram = 128 * MIB, .has_1g = true});
    assert_int_equal(b.boot.info->kernel_phys, 2 * MIB);
    assert_int_equal(b.boot.info->kernel_virt, 2 * MIB);
    /* The kernel's rights win over the identity map: .text executable, read-only. */
    const struct run *text = walk_find(&b.w, 2 * MIB);
    assert_true(text->exec);
    assert_false(text->write);
    assert_int_equal(text->phys, 2 * MIB);
    /* The identity map still covers everything else. */
    const struct run *after = walk_find(&b.w, 64 * MIB);
    assert_non_null(after);
    assert_int_equal(after->phys + (64 * MIB - after->virt), 64 * MIB);
    assert_false(after->exec);
    assert_null(walk_find(&b.w, 0));
    boot_free(&b);
}

static void lower_half_not_ram(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry map[] = {
        {0, 0x9f000, ELFBOOT_MEM_USABLE, 0},
        {0x100000, 0x100000, ELFBOOT_MEM_USABLE, 0},
        {0x200000, 0x400000, ELFBOOT_MEM_RESERVED, 0},
        {0x600000, 64 * MIB, ELFBOOT_MEM_USABLE, 0},
    };
    struct booted b;
    boot_kernel(&(struct boot_case){.elf = "low.elf", .map = map, .map_count = 4}, &b);
    assert_int_equal(b.rc, EB_ERR_NOT_RAM);
    assert_non_null(strstr(b.err.message, "0x200000"));
    assert_non_null(strstr(b.err.message, "not usable RAM"));
    boot_free(&b);
}

static void request_flags(void **state)
{
    (void)state;
    struct booted b;
    boot_ok(&b, &(struct boot_case){.elf = "request.elf", .ram = 128 * MIB, .has_1g = true});
    struct elfboot_info *info = b.boot.info;
    assert_int_equal(info->hhdm_base, 0xffffa00000000000ull);
    assert_int_equal(info->stack_size, 0x20000);
    assert_int_equal(info->flags, ELFBOOT_INFO_RECURSIVE);
    assert_int_equal(info->recursive_index, 510);
    boot_free(&b);
}

static void tls_reported(void **state)
{
    (void)state;
    struct booted b;
    boot_ok(&b, &(struct boot_case){.elf = "tls.elf", .ram = 128 * MIB, .has_1g = true});
    struct elfboot_info *info = b.boot.info;
    GElf_Phdr tls = program_header(&b, PT_TLS);
    assert_int_equal(info->tls.start, tls.p_vaddr);
    assert_int_equal(info->tls.file_size, tls.p_filesz);
    assert_int_equal(info->tls.mem_size, tls.p_memsz);
    assert_int_equal(info->tls.align, tls.p_align);
    assert_int_equal(tls.p_filesz, 4); /* tls_value */
    assert_int_equal(read_virt64(&b, info->tls.start) & 0xffffffff, 7); /* tls_value's image */
    boot_free(&b);
}

static void out_of_memory_is_reported(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry map[] = {
        {0, 0x9f000, ELFBOOT_MEM_USABLE, 0},
        {0x100000, 2 * MIB, ELFBOOT_MEM_USABLE, 0},
    };
    struct booted b;
    boot_kernel(&(struct boot_case){.elf = "higher.elf", .map = map, .map_count = 2}, &b);
    assert_int_equal(b.rc, EB_ERR_NO_MEMORY);
    assert_non_null(strstr(b.err.message, "contiguous memory"));
    boot_free(&b);
}

/* Whichever allocation fails, the core reports it and does not crash. */
static void every_allocation_failure(void **state)
{
    (void)state;
    for (uint64_t n = 1; n < 200; n++) {
        struct booted b;
        memset(&b, 0, sizeof b);
        char path[512];
        snprintf(path, sizeof path, "%s/pie.elf", TEST_ELF_DIR);
        b.file = sim_read_file(path, &b.file_size);
        size_t count = sim_pc_map(b.raw, 64 * MIB);
        b.sim = calloc(1, sizeof *b.sim);
        sim_init(b.sim, b.raw, count, true);
        b.sim->fail_alloc_after = n;
        assert_int_equal(eb_kernel_inspect(b.file, b.file_size, &b.k, &b.err), EB_OK);
        struct eb_boot_input in = {.memmap = b.raw, .memmap_count = (uint32_t)count};
        int rc = eb_load(&b.sim->platform, &in, &b.k, &b.boot, &b.err);
        boot_free(&b);
        if (rc == EB_OK)
            return; /* past the last allocation */
        assert_int_equal(rc, EB_ERR_NO_MEMORY);
    }
    fail_msg("eb_load never succeeded");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(higher_half_128m),
        cmocka_unit_test(higher_half_without_1g_pages),
        cmocka_unit_test(memory_above_4g),
        cmocka_unit_test(memory_near_1t),
        cmocka_unit_test(many_firmware_entries),
        cmocka_unit_test(framebuffer_above_top),
        cmocka_unit_test(pie_relocated),
        cmocka_unit_test(kaslr_slides),
        cmocka_unit_test(lower_half_at_2m),
        cmocka_unit_test(lower_half_not_ram),
        cmocka_unit_test(request_flags),
        cmocka_unit_test(tls_reported),
        cmocka_unit_test(out_of_memory_is_reported),
        cmocka_unit_test(every_allocation_failure),
    };
    return cmocka_run_group_tests_name("core: loading", tests, NULL, NULL);
}
