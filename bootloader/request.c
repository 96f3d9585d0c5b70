/* request.c: the kernel's optional struct elfboot_request, found by its magic words in
 * the file contents of a PT_LOAD segment, at an 8-byte aligned virtual address. */
#include <stdbool.h>

#include "elf_internal.h"
#include "elf64.h"
#include "util.h"

#define MAX_STACK_SIZE (256ull << 20)
#define KNOWN_FLAGS (ELFBOOT_REQ_NO_IDENTITY_MAP | ELFBOOT_REQ_RECURSIVE_MAP | \
                     ELFBOOT_REQ_KASLR | ELFBOOT_REQ_NO_FRAMEBUFFER)

static bool magic_at(const uint8_t *p)
{
    /* __builtin_memcpy: an inlined load even where -ffreestanding turns memcpy into a
     * call; this runs for every 8 bytes of the kernel. */
    uint64_t m[2];
    __builtin_memcpy(&m[0], p, 8);
    if (m[0] != ELFBOOT_REQUEST_MAGIC0)
        return false;
    __builtin_memcpy(&m[1], p + 8, 8);
    return m[1] == ELFBOOT_REQUEST_MAGIC1;
}

/* Looks through one segment; *found counts the requests seen so far. */
static int scan_segment(struct eb_kernel *k, const struct eb_segment *s, int *found,
                        struct eb_error *err)
{
    const uint64_t size = sizeof(struct elfboot_request);
    if (s->filesz < size)
        return EB_OK;
    uint64_t first = (8 - (s->vaddr & 7)) & 7; /* first 8-byte aligned virtual address */
    for (uint64_t off = first; off + size <= s->filesz; off += 8) {
        const uint8_t *p = k->file + s->offset + off;
        if (!magic_at(p))
            continue;
        if (++*found > 1)
            return eb_fail(err, EB_ERR_REQUEST,
                           "two elfboot requests (at file offsets 0x%llx and 0x%llx): a kernel "
                           "carries at most one",
                           (unsigned long long)k->request_offset,
                           (unsigned long long)(s->offset + off));
        k->request_offset = s->offset + off;
        memcpy(&k->request, p, size);
    }
    return EB_OK;
}

static int check_request(struct eb_kernel *k, struct eb_error *err)
{
    const struct elfboot_request *r = &k->request;
    if (r->version != 0 && r->version != 1)
        return eb_fail(err, EB_ERR_REQUEST,
                       "elfboot request: version %u, this loader knows version 1",
                       (unsigned)r->version);
    for (int i = 0; i < 4; i++)
        if (r->reserved[i])
            return eb_fail(err, EB_ERR_REQUEST,
                           "elfboot request: reserved[%d] is 0x%llx, must be zero", i,
                           (unsigned long long)r->reserved[i]);
    if (r->flags & ~KNOWN_FLAGS)
        return eb_fail(err, EB_ERR_REQUEST, "elfboot request: unknown flag bits 0x%x",
                       (unsigned)(r->flags & ~KNOWN_FLAGS));
    if ((r->flags & ELFBOOT_REQ_KASLR) && k->elf_type != ET_DYN)
        return eb_fail(err, EB_ERR_REQUEST,
                       "elfboot request: ELFBOOT_REQ_KASLR needs a position-independent "
                       "(ET_DYN) kernel; this one is ET_EXEC");
    if (r->hhdm_base && (r->hhdm_base < EB_HIGHER_HALF || (r->hhdm_base & ((1ull << 30) - 1))))
        return eb_fail(err, EB_ERR_REQUEST,
                       "elfboot request: hhdm_base 0x%llx must be 1 GiB aligned and at or "
                       "above 0xffff800000000000",
                       (unsigned long long)r->hhdm_base);
    if (r->stack_size > MAX_STACK_SIZE)
        return eb_fail(err, EB_ERR_REQUEST, "elfboot request: stack_size 0x%llx is above 256 MiB",
                       (unsigned long long)r->stack_size);
    if (!r->fb_width != !r->fb_height)
        return eb_fail(err, EB_ERR_REQUEST,
                       "elfboot request: fb_width %u and fb_height %u: give both or neither",
                       (unsigned)r->fb_width, (unsigned)r->fb_height);
    return EB_OK;
}

int eb_request_find(struct eb_kernel *k, struct eb_error *err)
{
    int found = 0, rc;
    for (uint32_t i = 0; i < k->segment_count; i++)
        if ((rc = scan_segment(k, &k->segments[i], &found, err)))
            return rc;
    k->has_request = found == 1;
    if (k->has_request && (rc = check_request(k, err)))
        return rc;
    k->req_flags = k->request.flags;
    k->stack_size = k->request.stack_size ? EB_ALIGN_UP(k->request.stack_size, EB_PAGE_SIZE)
                                          : EB_DEFAULT_STACK_SIZE;
    k->hhdm_base = k->request.hhdm_base ? k->request.hhdm_base : EB_DEFAULT_HHDM_BASE;
    return EB_OK;
}
