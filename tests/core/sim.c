/* sim.c: the simulated machine (sim.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memmap.h"
#include "sim.h"

static struct sim_block *add_block(struct sim *s, uint64_t phys, uint64_t size, uint32_t type)
{
    if (s->block_count == SIM_MAX_BLOCKS) {
        fprintf(stderr, "sim: too many allocations\n");
        abort();
    }
    /* Kept sorted by address, for binary search in sim_find. */
    size_t at = s->block_count;
    while (at && s->blocks[at - 1].phys > phys)
        at--;
    memmove(&s->blocks[at + 1], &s->blocks[at], (s->block_count - at) * sizeof s->blocks[0]);
    s->block_count++;
    struct sim_block *b = &s->blocks[at];
    b->phys = phys;
    b->size = size;
    b->type = type & ~EB_ALLOC_EXECUTABLE;
    b->executable = (type & EB_ALLOC_EXECUTABLE) != 0;
    /* Garbage, not zeroes: the core must zero what it hands over. */
    b->mem = malloc(size);
    if (!b->mem) {
        fprintf(stderr, "sim: out of host memory for %llu bytes\n", (unsigned long long)size);
        abort();
    }
    memset(b->mem, 0xa5, size);
    return b;
}

static uint64_t sim_alloc_cb(void *ctx, uint64_t size, uint64_t align, uint64_t limit,
                             uint32_t type)
{
    struct sim *s = ctx;
    if (s->fail_alloc_after && ++s->alloc_count >= s->fail_alloc_after)
        return 0;
    uint64_t phys = eb_physmem_alloc(&s->pm, size, align, limit, type & ~EB_ALLOC_EXECUTABLE);
    if (phys)
        add_block(s, phys, size, type);
    return phys;
}

static int sim_claim_cb(void *ctx, uint64_t phys, uint64_t size, uint32_t type)
{
    struct sim *s = ctx;
    int rc = eb_physmem_claim(&s->pm, phys, size, type);
    if (rc == EB_OK)
        add_block(s, phys, size, type);
    return rc;
}

struct sim_block *sim_find(struct sim *s, uint64_t phys, uint64_t size)
{
    size_t lo = 0, hi = s->block_count; /* first block above phys */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->blocks[mid].phys <= phys)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo)
        return NULL;
    struct sim_block *b = &s->blocks[lo - 1];
    if (size <= b->size && phys - b->phys <= b->size - size)
        return b;
    return NULL;
}

static void *sim_phys_ptr_cb(void *ctx, uint64_t phys, uint64_t size)
{
    struct sim *s = ctx;
    struct sim_block *b = sim_find(s, phys, size);
    if (!b) {
        fprintf(stderr, "sim: the core reached unallocated physical memory 0x%llx (+0x%llx)\n",
                (unsigned long long)phys, (unsigned long long)size);
        abort();
    }
    return b->mem + (phys - b->phys);
}

static void sim_log_cb(void *ctx, const char *line)
{
    struct sim *s = ctx;
    snprintf(s->last_log, sizeof s->last_log, "%s", line);
    s->log_lines++;
    if (!s->quiet && getenv("SIM_VERBOSE"))
        fprintf(stderr, "  [core] %s\n", line);
}

static uint64_t sim_entropy_cb(void *ctx)
{
    return ((struct sim *)ctx)->entropy;
}

void sim_init(struct sim *s, const struct elfboot_memmap_entry *raw, size_t n, bool has_1g)
{
    memset(s, 0, sizeof *s);
    struct eb_error err;
    if (eb_physmem_init(&s->pm, s->storage, 2048, raw, (uint32_t)n, 1 << 20, &err)) {
        fprintf(stderr, "sim: %s\n", err.message);
        abort();
    }
    s->platform = (struct eb_platform){
        .ctx = s, .alloc = sim_alloc_cb, .claim = sim_claim_cb, .phys_ptr = sim_phys_ptr_cb,
        .log = sim_log_cb, .entropy = sim_entropy_cb, .has_1g_pages = has_1g,
    };
}

void sim_free(struct sim *s)
{
    for (size_t i = 0; i < s->block_count; i++)
        free(s->blocks[i].mem);
    s->block_count = 0;
}

uint64_t sim_alloc(struct sim *s, uint64_t size, uint32_t type)
{
    return sim_alloc_cb(s, (size + 4095) & ~4095ull, 4096, 0, type);
}

void *sim_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        abort();
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *buf = malloc(n ? (size_t)n : 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        abort();
    fclose(f);
    *size = (size_t)n;
    return buf;
}

size_t sim_pc_map(struct elfboot_memmap_entry *out, uint64_t ram)
{
    /* Shaped like SeaBIOS's E820 under QEMU's pc machine: low memory, the legacy hole,
     * RAM to 3 GiB (the PCI hole above), the rest from 4 GiB. */
    size_t n = 0;
    uint64_t below = ram < (3ull << 30) ? ram : (3ull << 30);
    out[n++] = (struct elfboot_memmap_entry){0, 0x9fc00, ELFBOOT_MEM_USABLE, 0};
    out[n++] = (struct elfboot_memmap_entry){0x9fc00, 0x400, ELFBOOT_MEM_RESERVED, 0};
    out[n++] = (struct elfboot_memmap_entry){0xf0000, 0x10000, ELFBOOT_MEM_RESERVED, 0};
    out[n++] = (struct elfboot_memmap_entry){0x100000, below - 0x100000 - 0x20000, ELFBOOT_MEM_USABLE, 0};
    out[n++] = (struct elfboot_memmap_entry){below - 0x20000, 0x20000, ELFBOOT_MEM_ACPI_RECLAIMABLE, 0};
    out[n++] = (struct elfboot_memmap_entry){0xfeffc000, 0x4000, ELFBOOT_MEM_RESERVED, 0};
    out[n++] = (struct elfboot_memmap_entry){0xfffc0000, 0x40000, ELFBOOT_MEM_RESERVED, 0};
    if (ram > below)
        out[n++] = (struct elfboot_memmap_entry){4ull << 30, ram - below, ELFBOOT_MEM_USABLE, 0};
    /* QEMU reports this reserved range below 1 TiB: it must not grow the HHDM. */
    out[n++] = (struct elfboot_memmap_entry){0xfd00000000ull, 0x300000000ull, ELFBOOT_MEM_RESERVED, 0};
    return n;
}
