/* fuzz_memmap.c: any bytes as a firmware memory map (24-byte entries), normalised, then
 * used by the allocator; the result must obey the protocol's rules. */
#include <stdlib.h>
#include <string.h>

#include "memmap.h"
#include "physmem.h"

static void check(const struct elfboot_memmap_entry *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!m[i].length || m[i].type < 1 || m[i].type > 10)
            abort();
        if (m[i].type == ELFBOOT_MEM_USABLE && ((m[i].base | m[i].length) & 4095))
            abort();
        if (i && (m[i].base < m[i - 1].base + m[i - 1].length ||
                  (m[i].base == m[i - 1].base + m[i - 1].length && m[i].type == m[i - 1].type)))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n = size / sizeof(struct elfboot_memmap_entry);
    if (n > 512)
        n = 512;
    struct elfboot_memmap_entry *in = malloc((n ? n : 1) * sizeof *in);
    memcpy(in, data, n * sizeof *in);
    size_t cap = EB_MEMMAP_WORST_CASE(n);
    struct elfboot_memmap_entry *out = malloc(cap * sizeof *out);
    size_t m;
    if (eb_memmap_normalise(in, n, out, cap, &m) != EB_OK)
        abort(); /* the worst case must always fit */
    check(out, m);
    /* The allocator on top: a few allocations driven by the remaining bytes. */
    struct elfboot_memmap_entry storage[4 * 512 + 64];
    struct eb_physmem pm;
    if (eb_physmem_init(&pm, storage, sizeof storage / sizeof storage[0], in, (uint32_t)n,
                        1 << 20, NULL) == EB_OK) {
        const uint8_t *extra = data + n * sizeof *in;
        for (size_t i = 0; i + 2 < size - n * sizeof *in && i < 48; i += 3) {
            uint64_t pages = 1 + extra[i], align = 4096ull << (extra[i + 1] % 10);
            if (extra[i + 2] & 1)
                eb_physmem_alloc(&pm, pages * 4096, align, 0, 6 + extra[i + 2] % 3);
            else
                eb_physmem_claim(&pm, (uint64_t)extra[i + 1] << 20, pages * 4096, 7);
            check(pm.map, pm.count);
        }
    }
    free(in);
    free(out);
    return 0;
}
