/* test_elf.c: eb_kernel_inspect() on good kernels and on a corpus of broken ones: each
 * broken file is refused with its own error code and a message naming the problem, and
 * nothing outside the file's bytes is ever read (ASan watches every case: each file
 * lives in a buffer of exactly its size). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core.h"
#include "elf64.h"
#include "sim.h"

#define BASE 0xffffffff80000000ull

struct seg {
    uint32_t type, flags;
    uint64_t vaddr, filesz, memsz;
    uint64_t paddr;  /* 0: vaddr */
    uint64_t align;  /* 0: 4096 */
};

struct elf {
    uint8_t *bytes;
    size_t size;
};

/* Builds an ELF64 file: header, program headers, then each segment's bytes at the next
 * 4 KiB boundary (congruent with its vaddr). */
static struct elf build(uint16_t type, uint64_t entry, const struct seg *segs, int n)
{
    size_t size = 4096;
    for (int i = 0; i < n; i++)
        size = ((size + 4095) & ~4095ull) + (segs[i].vaddr & 4095) + segs[i].filesz;
    struct elf e = {calloc(1, size), size};
    struct elf64_ehdr eh = {
        .e_ident = {0x7f, 'E', 'L', 'F', ELFCLASS64, ELFDATA2LSB, EV_CURRENT},
        .e_type = type, .e_machine = EM_X86_64, .e_version = 1, .e_entry = entry,
        .e_phoff = 64, .e_ehsize = 64, .e_phentsize = 56, .e_phnum = (uint16_t)n,
    };
    memcpy(e.bytes, &eh, sizeof eh);
    size_t offset = 4096;
    for (int i = 0; i < n; i++) {
        offset = (offset + 4095) & ~4095ull;
        struct elf64_phdr ph = {
            .p_type = segs[i].type, .p_flags = segs[i].flags,
            .p_offset = offset + (segs[i].vaddr & 4095), .p_vaddr = segs[i].vaddr,
            .p_paddr = segs[i].paddr ? segs[i].paddr : segs[i].vaddr,
            .p_filesz = segs[i].filesz, .p_memsz = segs[i].memsz,
            .p_align = segs[i].align ? segs[i].align : 4096,
        };
        if (64 + 56 * (size_t)(i + 1) <= 4096)
            memcpy(e.bytes + 64 + 56 * i, &ph, sizeof ph);
        for (uint64_t j = 0; j < segs[i].filesz; j++)
            e.bytes[ph.p_offset + j] = (uint8_t)(0x90 + j);
        offset = ph.p_offset + segs[i].filesz;
    }
    return e;
}

static struct elf basic(void)
{
    struct seg s[] = {
        {PT_LOAD, PF_R | PF_X, BASE, 0x100, 0x100},
        {PT_LOAD, PF_R | PF_W, BASE + 0x1000, 0x80, 0x2000},
    };
    return build(ET_EXEC, BASE + 0x10, s, 2);
}

static struct elf64_ehdr *ehdr(struct elf *e)
{
    return (struct elf64_ehdr *)e->bytes;
}

static struct elf64_phdr *phdr(struct elf *e, int i)
{
    return (struct elf64_phdr *)(e->bytes + 64 + 56 * i);
}

/* Inspects a copy of exactly e->size bytes; expects `code` and `words` in the message. */
static void expect(struct elf *e, int code, const char *words)
{
    uint8_t *copy = malloc(e->size ? e->size : 1);
    memcpy(copy, e->bytes, e->size);
    struct eb_kernel k;
    struct eb_error err = {0};
    int rc = eb_kernel_inspect(copy, e->size, &k, &err);
    if (rc != code)
        fail_msg("expected %s, got %s: %s", eb_status_name(code), eb_status_name(rc),
                 rc ? err.message : "(accepted)");
    if (words && !strstr(err.message, words))
        fail_msg("message '%s' does not say '%s'", err.message, words);
    free(copy);
    free(e->bytes);
}

static void accepts_a_plain_kernel(void **state)
{
    (void)state;
    struct elf e = basic();
    struct eb_kernel k;
    assert_int_equal(eb_kernel_inspect(e.bytes, e.size, &k, NULL), EB_OK);
    assert_int_equal(k.segment_count, 2);
    assert_true(k.higher_half);
    assert_int_equal(k.virt_low, BASE);
    assert_int_equal(k.virt_high, BASE + 0x3000);
    assert_false(k.has_request);
    assert_int_equal(k.stack_size, 64 * 1024);
    assert_int_equal(k.hhdm_base, 0xffff800000000000ull);
    free(e.bytes);
}

static void not_elf(void **state)
{
    (void)state;
    struct elf e = {calloc(1, 6), 6};
    memcpy(e.bytes, "hello", 6);
    expect(&e, EB_ERR_NOT_ELF, "not an ELF file");
    e = (struct elf){calloc(1, 1), 0};
    expect(&e, EB_ERR_NOT_ELF, "not an ELF file");
    e = basic();
    e.size = 40; /* truncated header */
    expect(&e, EB_ERR_NOT_ELF, "truncated ELF header");
}

static void wrong_class_order_machine_type(void **state)
{
    (void)state;
    struct elf e = basic();
    e.bytes[EI_CLASS] = 1;
    expect(&e, EB_ERR_NOT_64BIT, "not a 64-bit ELF");
    e = basic();
    e.bytes[EI_DATA] = 2;
    expect(&e, EB_ERR_NOT_LITTLE_ENDIAN, "little-endian");
    e = basic();
    ehdr(&e)->e_machine = 183;
    expect(&e, EB_ERR_NOT_X86_64, "e_machine 183");
    e = basic();
    ehdr(&e)->e_type = 1; /* ET_REL */
    expect(&e, EB_ERR_BAD_TYPE, "ELF type 1");
    e = basic();
    ehdr(&e)->e_type = 4; /* ET_CORE */
    expect(&e, EB_ERR_BAD_TYPE, "ET_EXEC");
}

static void lying_program_headers(void **state)
{
    (void)state;
    struct elf e = basic();
    ehdr(&e)->e_phentsize = 32;
    expect(&e, EB_ERR_BAD_HEADER, "56");
    e = basic();
    ehdr(&e)->e_phoff = e.size - 10;
    expect(&e, EB_ERR_BAD_HEADER, "past the end");
    e = basic();
    ehdr(&e)->e_phoff = UINT64_MAX - 20; /* offset + size overflows */
    expect(&e, EB_ERR_BAD_HEADER, "past the end");
    e = basic();
    ehdr(&e)->e_phnum = 65535;
    expect(&e, EB_ERR_BAD_HEADER, "65535 entries");
    e = basic();
    phdr(&e, 0)->p_type = 0;
    phdr(&e, 1)->p_type = 0;
    expect(&e, EB_ERR_NO_LOAD, "no PT_LOAD");
    e = basic();
    phdr(&e, 0)->p_align = 3000;
    expect(&e, EB_ERR_BAD_HEADER, "power of two");
}

static void lying_segment_sizes(void **state)
{
    (void)state;
    struct elf e = basic();
    phdr(&e, 0)->p_filesz = 0x200; /* memsz 0x100 */
    expect(&e, EB_ERR_FILESZ, "segment 0: p_filesz 0x200 is larger than p_memsz 0x100");
    e = basic();
    phdr(&e, 1)->p_offset = e.size; /* its bytes past the end */
    expect(&e, EB_ERR_TRUNCATED, "past the end of the file");
    e = basic();
    phdr(&e, 1)->p_offset = UINT64_MAX - 0x10; /* offset + filesz wraps */
    expect(&e, EB_ERR_TRUNCATED, "segment 1");
    e = basic();
    e.size -= 1; /* the last segment loses its last byte */
    expect(&e, EB_ERR_TRUNCATED, "truncated kernel");
}

static void bad_addresses(void **state)
{
    (void)state;
    struct elf e = basic();
    phdr(&e, 0)->p_vaddr = 0x0000900000000000ull; /* in the non-canonical hole */
    expect(&e, EB_ERR_BAD_ADDRESS, "canonical");
    e = basic();
    phdr(&e, 1)->p_vaddr = 0xfffffffffffff000ull;
    phdr(&e, 1)->p_memsz = 0x10000; /* wraps past 2^64 */
    expect(&e, EB_ERR_BAD_ADDRESS, "canonical");
    e = basic();
    phdr(&e, 0)->p_vaddr = 0x00007ffffffff000ull;
    phdr(&e, 0)->p_memsz = 0x2000; /* runs from the lower half into the hole */
    expect(&e, EB_ERR_BAD_ADDRESS, "canonical");
    e = basic();
    phdr(&e, 1)->p_paddr = UINT64_MAX - 0x100;
    expect(&e, EB_ERR_BAD_ADDRESS, "p_paddr");
}

static void overlaps_and_halves(void **state)
{
    (void)state;
    struct elf e = basic();
    phdr(&e, 1)->p_vaddr = BASE + 0x80; /* inside segment 0 */
    expect(&e, EB_ERR_OVERLAP, "overlap");
    e = basic();
    phdr(&e, 1)->p_vaddr = 0x400000;
    expect(&e, EB_ERR_MIXED_HALVES, "lower or wholly in the higher half");
    struct seg low[] = {
        {PT_LOAD, PF_R | PF_X, 0x200000, 0x100, 0x100, 0x300000},
        {PT_LOAD, PF_R | PF_W, 0x300000, 0x100, 0x100, 0x300080},
    };
    e = build(ET_EXEC, 0x200000, low, 2);
    expect(&e, EB_ERR_OVERLAP, "physical memory");
}

static void entry_point(void **state)
{
    (void)state;
    struct elf e = basic();
    ehdr(&e)->e_entry = BASE + 0x5000;
    expect(&e, EB_ERR_ENTRY, "entry point 0xffffffff80005000 is outside");
    e = basic();
    ehdr(&e)->e_entry = BASE + 0x1010; /* in the RW segment */
    expect(&e, EB_ERR_ENTRY, "executable");
}

static void writable_executable_pages(void **state)
{
    (void)state;
    struct seg shared[] = {
        {PT_LOAD, PF_R | PF_X, BASE, 0x800, 0x800},
        {PT_LOAD, PF_R | PF_W, BASE + 0x800, 0x100, 0x100},
    };
    struct elf e = build(ET_EXEC, BASE, shared, 2);
    expect(&e, EB_ERR_WX_PAGE, "share the page 0xffffffff80000000");
    struct seg same_rights[] = {
        {PT_LOAD, PF_R | PF_X, BASE, 0x800, 0x800},
        {PT_LOAD, PF_R, BASE + 0x800, 0x100, 0x100},
    };
    e = build(ET_EXEC, BASE, same_rights, 2);
    expect(&e, EB_OK, NULL);
    struct seg asked[] = {{PT_LOAD, PF_R | PF_W | PF_X, BASE, 0x800, 0x800}};
    e = build(ET_EXEC, BASE, asked, 1);
    expect(&e, EB_OK, NULL);
}

static void too_many_segments(void **state)
{
    (void)state;
    struct seg s[40];
    for (int i = 0; i < 40; i++)
        s[i] = (struct seg){PT_LOAD, PF_R | PF_X, BASE + 0x1000 * (uint64_t)i, 0x10, 0x10};
    struct elf e = build(ET_EXEC, BASE, s, 40);
    expect(&e, EB_ERR_TOO_MANY_SEGMENTS, "more than 32");
}

static void tls_outside_segments(void **state)
{
    (void)state;
    struct seg s[] = {
        {PT_LOAD, PF_R | PF_X, BASE, 0x100, 0x100},
        {PT_TLS, PF_R, BASE + 0x10000, 0x10, 0x20},
    };
    struct elf e = build(ET_EXEC, BASE, s, 2);
    expect(&e, EB_ERR_BAD_HEADER, "PT_TLS");
}

static void pie_too_big(void **state)
{
    (void)state;
    struct seg s[] = {
        {PT_LOAD, PF_R | PF_X, 0, 0x100, 0x100},
        {PT_LOAD, PF_R | PF_W, 0x1000, 0x10, 0x90000000ull},
    };
    struct elf e = build(ET_DYN, 0, s, 2);
    expect(&e, EB_ERR_BAD_ADDRESS, "2 GiB");
}

/* A kernel whose RW segment holds `req` at an 8-byte aligned address (+ `skew`). */
static struct elf with_request(const struct elfboot_request *req, uint16_t type, int copies,
                               unsigned skew)
{
    struct seg s[] = {
        {PT_LOAD, PF_R | PF_X, type == ET_DYN ? 0 : BASE, 0x100, 0x100},
        {PT_LOAD, PF_R | PF_W, (type == ET_DYN ? 0 : BASE) + 0x1000, 0x400, 0x400},
    };
    struct elf e = build(type, s[0].vaddr, s, 2);
    for (int i = 0; i < copies; i++)
        memcpy(e.bytes + phdr(&e, 1)->p_offset + 0x40 + 0x100 * i + skew, req, sizeof *req);
    return e;
}

static void requests(void **state)
{
    (void)state;
    struct elfboot_request good = {.magic = ELFBOOT_REQUEST_MAGIC, .version = 1,
                                   .stack_size = 5000, .hhdm_base = 0xffffc00000000000ull,
                                   .fb_width = 800, .fb_height = 600};
    struct elf e = with_request(&good, ET_EXEC, 1, 0);
    struct eb_kernel k;
    assert_int_equal(eb_kernel_inspect(e.bytes, e.size, &k, NULL), EB_OK);
    assert_true(k.has_request);
    assert_int_equal(k.stack_size, 8192); /* rounded up to 4 KiB */
    assert_int_equal(k.hhdm_base, 0xffffc00000000000ull);
    assert_int_equal(k.request.fb_width, 800);
    free(e.bytes);

    e = with_request(&good, ET_EXEC, 1, 4); /* misaligned: not a request */
    assert_int_equal(eb_kernel_inspect(e.bytes, e.size, &k, NULL), EB_OK);
    assert_false(k.has_request);
    free(e.bytes);

    struct { struct elfboot_request r; uint16_t type; int copies; const char *words; } bad[] = {
        {{.magic = ELFBOOT_REQUEST_MAGIC, .version = 2}, ET_EXEC, 1, "version 2"},
        {{.magic = ELFBOOT_REQUEST_MAGIC, .version = 1, .reserved = {0, 0, 7, 0}}, ET_EXEC, 1, "reserved[2]"},
        {{.magic = ELFBOOT_REQUEST_MAGIC, .version = 1, .flags = 1u << 9}, ET_EXEC, 1, "unknown flag bits 0x200"},
        {{.magic = ELFBOOT_REQUEST_MAGIC, .version = 1, .flags = ELFBOOT_REQ_KASLR}, ET_EXEC, 1, "ET_DYN"},
        {{.magic = ELFBOOT_REQUEST_MAGIC, .version = 1, .hhdm_base = 0xffff800000200000ull}, ET_EXEC, 1, "1 GiB aligned"},
        {{.magic = ELFBOOT_REQUEST_MAGIC, .version = 1, .hhdm_base = 0x40000000ull}, ET_EXEC, 1, "hhdm_base 0x40000000"},
        {{.magic = ELFBOOT_REQUEST_MAGIC, .version = 1, .stack_size = 1ull << 40}, ET_EXEC, 1, "256 MiB"},
        {{.magic = ELFBOOT_REQUEST_MAGIC, .version = 1, .fb_width = 640}, ET_EXEC, 1, "both or neither"},
        {{.magic = ELFBOOT_REQUEST_MAGIC, .version = 1}, ET_EXEC, 2, "two elfboot requests"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        e = with_request(&bad[i].r, bad[i].type, bad[i].copies, 0);
        expect(&e, EB_ERR_REQUEST, bad[i].words);
    }
    struct elfboot_request kaslr = {.magic = ELFBOOT_REQUEST_MAGIC, .version = 1,
                                    .flags = ELFBOOT_REQ_KASLR};
    e = with_request(&kaslr, ET_DYN, 1, 0);
    expect(&e, EB_OK, NULL);
}

static struct elf read_test_elf(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", TEST_ELF_DIR, name);
    struct elf e;
    e.bytes = sim_read_file(path, &e.size);
    return e;
}

/* The file offset of the first dynamic-section entry with tag `tag`. */
static uint64_t dyn_entry(struct elf *e, int64_t tag)
{
    for (int i = 0; i < ehdr(e)->e_phnum; i++) {
        struct elf64_phdr *ph = phdr(e, i);
        if (ph->p_type != PT_DYNAMIC)
            continue;
        for (uint64_t off = ph->p_offset; off < ph->p_offset + ph->p_filesz; off += 16)
            if (*(int64_t *)(e->bytes + off) == tag)
                return off;
    }
    fail_msg("no dynamic tag %lld", (long long)tag);
    return 0;
}

/* The file offset of virtual address v (these test PIEs have offset == vaddr mod page). */
static uint64_t offset_of(struct elf *e, uint64_t v)
{
    for (int i = 0; i < ehdr(e)->e_phnum; i++) {
        struct elf64_phdr *ph = phdr(e, i);
        if (ph->p_type == PT_LOAD && v >= ph->p_vaddr && v < ph->p_vaddr + ph->p_filesz)
            return ph->p_offset + (v - ph->p_vaddr);
    }
    fail_msg("0x%llx not in the file", (unsigned long long)v);
    return 0;
}

static void real_kernels(void **state)
{
    (void)state;
    struct eb_kernel k;
    struct elf e = read_test_elf("higher.elf");
    assert_int_equal(eb_kernel_inspect(e.bytes, e.size, &k, NULL), EB_OK);
    assert_int_equal(k.segment_count, 3);
    assert_int_equal(k.segments[0].flags, PF_R | PF_X);
    assert_int_equal(k.segments[1].flags, PF_R);
    assert_int_equal(k.segments[2].flags, PF_R | PF_W);
    free(e.bytes);
    e = read_test_elf("pie.elf");
    assert_int_equal(eb_kernel_inspect(e.bytes, e.size, &k, NULL), EB_OK);
    assert_int_equal(k.elf_type, ET_DYN);
    assert_int_equal(k.reloc_count, 7);
    assert_true(k.relro_size > 0);
    free(e.bytes);
    e = read_test_elf("pie-relr.elf");
    assert_int_equal(eb_kernel_inspect(e.bytes, e.size, &k, NULL), EB_OK);
    assert_true(k.relr_size > 0);
    assert_int_equal(k.reloc_count, 7);
    free(e.bytes);
    e = read_test_elf("request.elf");
    assert_int_equal(eb_kernel_inspect(e.bytes, e.size, &k, NULL), EB_OK);
    assert_true(k.has_request);
    assert_int_equal(k.req_flags, ELFBOOT_REQ_NO_IDENTITY_MAP | ELFBOOT_REQ_RECURSIVE_MAP);
    free(e.bytes);
}

static void bad_relocations(void **state)
{
    (void)state;
    static const struct { uint32_t type; const char *words; } types[] = {
        {2, "R_X86_64_PC32 (2)"}, {37, "R_X86_64_IRELATIVE (37)"}, {200, "unknown (200)"},
        {7, "R_X86_64_JUMP_SLOT"},
    };
    for (size_t i = 0; i < 4; i++) {
        struct elf e = read_test_elf("pie.elf");
        uint64_t rela = *(uint64_t *)(e.bytes + dyn_entry(&e, DT_RELA) + 8);
        struct elf64_rela *r = (struct elf64_rela *)(e.bytes + offset_of(&e, rela));
        r[3].r_info = (r[3].r_info & ~0xffffffffull) | types[i].type;
        expect(&e, EB_ERR_RELOC_TYPE, types[i].words);
    }
    struct elf e = read_test_elf("pie.elf");
    uint64_t rela = *(uint64_t *)(e.bytes + dyn_entry(&e, DT_RELA) + 8);
    ((struct elf64_rela *)(e.bytes + offset_of(&e, rela)))[1].r_offset = 0x7777000;
    expect(&e, EB_ERR_BAD_DYNAMIC, "outside every PT_LOAD segment");

    e = read_test_elf("pie.elf");
    *(int64_t *)(e.bytes + dyn_entry(&e, DT_RELA)) = DT_REL;
    expect(&e, EB_ERR_BAD_DYNAMIC, "DT_REL relocations are not supported");

    e = read_test_elf("pie.elf");
    *(uint64_t *)(e.bytes + dyn_entry(&e, DT_RELASZ) + 8) = 24ull << 25; /* lies: far past the file */
    expect(&e, EB_ERR_BAD_DYNAMIC, "DT_RELA table");

    /* A symbol made undefined: the message names it. */
    e = read_test_elf("pie-shared.elf");
    rela = *(uint64_t *)(e.bytes + dyn_entry(&e, DT_RELA) + 8);
    uint64_t relasz = *(uint64_t *)(e.bytes + dyn_entry(&e, DT_RELASZ) + 8);
    uint64_t symtab = *(uint64_t *)(e.bytes + dyn_entry(&e, DT_SYMTAB) + 8);
    uint64_t strtab = *(uint64_t *)(e.bytes + dyn_entry(&e, DT_STRTAB) + 8);
    struct elf64_rela *r = (struct elf64_rela *)(e.bytes + offset_of(&e, rela));
    size_t i = 0;
    while (i < relasz / 24 && ELF64_R_TYPE(r[i].r_info) != R_X86_64_64)
        i++;
    assert_true(i < relasz / 24);
    struct elf64_sym *sym = (struct elf64_sym *)(e.bytes + offset_of(&e, symtab)) + ELF64_R_SYM(r[i].r_info);
    char name[64];
    snprintf(name, sizeof name, "symbol '%s' is undefined",
             (const char *)e.bytes + offset_of(&e, strtab) + sym->st_name);
    sym->st_shndx = SHN_UNDEF;
    expect(&e, EB_ERR_RELOC_SYMBOL, name);
}

/* Random damage to real kernels: refused or accepted, never out of bounds, and what is
 * accepted also loads (or fails cleanly) in a small simulated machine. */
static void random_damage(void **state)
{
    (void)state;
    const char *files[] = {"higher.elf", "pie.elf", "pie-shared.elf", "pie-relr.elf",
                           "low.elf", "tls.elf", "request.elf"};
    uint64_t seed = 0x243f6a8885a308d3ull;
    struct elfboot_memmap_entry map[16];
    size_t n = sim_pc_map(map, 32ull << 20);
    struct sim *sim = malloc(sizeof *sim);
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        struct elf orig = read_test_elf(files[f]);
        for (int round = 0; round < 150; round++) {
            uint8_t *copy = malloc(orig.size);
            memcpy(copy, orig.bytes, orig.size);
            size_t size = orig.size;
            for (int j = 0; j < 1 + round % 6; j++) {
                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                size_t at = (seed >> 33) % (round % 3 ? 512 : size); /* headers mostly */
                copy[at] = (uint8_t)(seed >> 17);
            }
            if (round % 7 == 0)
                size = (seed >> 20) % size; /* truncated too */
            uint8_t *exact = malloc(size ? size : 1);
            memcpy(exact, copy, size);
            struct eb_kernel k;
            struct eb_error err;
            if (eb_kernel_inspect(exact, size, &k, &err) == EB_OK) {
                sim_init(sim, map, n, round & 1);
                sim->quiet = true;
                struct eb_boot_input in = {.memmap = map, .memmap_count = (uint32_t)n};
                struct eb_boot boot;
                if (eb_load(&sim->platform, &in, &k, &boot, &err) == EB_OK)
                    assert_int_equal(eb_finish_memmap(&boot, sim->pm.map, sim->pm.count, &err), EB_OK);
                sim_free(sim);
            } else {
                assert_true(strlen(err.message) > 10);
            }
            free(exact);
            free(copy);
        }
        free(orig.bytes);
    }
    free(sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_a_plain_kernel),
        cmocka_unit_test(not_elf),
        cmocka_unit_test(wrong_class_order_machine_type),
        cmocka_unit_test(lying_program_headers),
        cmocka_unit_test(lying_segment_sizes),
        cmocka_unit_test(bad_addresses),
        cmocka_unit_test(overlaps_and_halves),
        cmocka_unit_test(entry_point),
        cmocka_unit_test(writable_executable_pages),
        cmocka_unit_test(too_many_segments),
        cmocka_unit_test(tls_outside_segments),
        cmocka_unit_test(pie_too_big),
        cmocka_unit_test(requests),
        cmocka_unit_test(real_kernels),
        cmocka_unit_test(bad_relocations),
        cmocka_unit_test(random_damage),
    };
    return cmocka_run_group_tests_name("core: ELF checks", tests, NULL, NULL);
}
