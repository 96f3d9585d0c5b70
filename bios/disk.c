/* disk.c: reading the boot drive with INT 13h AH=42h (EDD 3.0, 7.2 and 7.4).
 *
 * Each call reads up to 127 sectors (the limit many BIOSes keep; Phoenix EDD 3.0) into
 * the bounce buffer below 1 MiB, then wide moves copy them where they belong: the BIOS
 * cannot address memory above 1 MiB, and byte copies would cost more than the reads
 * under emulation.
 */
#include <stdbool.h>

#include "bios.h"
#include "disk.h"
#include "layout.h"
#include "util.h"

struct dap { /* disk address packet */
    uint8_t size, reserved;
    uint16_t count;
    uint16_t offset, segment;
    uint64_t lba;
} __attribute__((packed));
_Static_assert(sizeof(struct dap) == 16, "EDD disk address packet is 16 bytes");

struct drive_params { /* AH=48h result buffer, EDD 1.x fields */
    uint16_t size, flags;
    uint32_t cylinders, heads, sectors_per_track;
    uint64_t sectors;
    uint16_t bytes_per_sector;
} __attribute__((packed));
_Static_assert(sizeof(struct drive_params) == 26, "EDD 1.x drive parameters are 26 bytes");

static struct dap dap;
static struct drive_params params;

static bool sse; /* copy with 16-byte SSE moves (set up by enable_sse) */

/* SSE for the copies, where the CPU has it (every x86-64 CPU does): CR4.OSFXSR and
 * OSXMMEXCPT on, CR0.EM off and MP on (Intel SDM vol. 3, 14.1.3). Under QEMU's TCG a
 * guest memory access costs the same whatever its width, so 16-byte moves copy four
 * times faster than 32-bit ones, and `rep movsl` is slower still (one translated block
 * per iteration): with 32-bit moves the copies cost a module a sixth of its load time. */
static void enable_sse(void)
{
    uint32_t a = 1, b, c = 0, d, cr;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    if (!((d >> 25) & 1) || !((d >> 26) & 1)) /* SSE and SSE2 */
        return;
    __asm__ volatile("movl %%cr0, %0" : "=r"(cr));
    cr = (cr & ~0x4u) | 0x2u; /* EM off, MP on */
    __asm__ volatile("movl %0, %%cr0" : : "r"(cr));
    __asm__ volatile("movl %%cr4, %0" : "=r"(cr));
    cr |= 0x600u; /* OSFXSR, OSXMMEXCPT */
    __asm__ volatile("movl %0, %%cr4" : : "r"(cr));
    sse = true;
}

/* From the bounce buffer to where the bytes belong: 64 bytes a step with SSE, else
 * 32-bit string moves; then the last few bytes. Never byte by byte in bulk. */
static void copy_out(void *dst, const void *src, uint32_t bytes)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (sse && bytes >= 64) {
        uint32_t blocks = bytes / 64;
        __asm__ volatile("1:\n\t"
                         "movdqu 0(%0), %%xmm0\n\t"
                         "movdqu 16(%0), %%xmm1\n\t"
                         "movdqu 32(%0), %%xmm2\n\t"
                         "movdqu 48(%0), %%xmm3\n\t"
                         "movdqu %%xmm0, 0(%1)\n\t"
                         "movdqu %%xmm1, 16(%1)\n\t"
                         "movdqu %%xmm2, 32(%1)\n\t"
                         "movdqu %%xmm3, 48(%1)\n\t"
                         "addl $64, %0\n\t"
                         "addl $64, %1\n\t"
                         "decl %2\n\t"
                         "jnz 1b"
                         : "+r"(s), "+r"(d), "+r"(blocks)
                         :
                         : "memory", "cc"); /* XMM0-3 too, which nothing else uses:
                                               stage 2 is built -mno-sse */
        bytes %= 64;
    }
    uint32_t words = bytes / 4;
    __asm__ volatile("rep movsl" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
    for (uint32_t i = 0; i < (bytes & 3); i++)
        d[i] = s[i];
}

/* One AH=42h read of n sectors into the bounce buffer; 0, or the BIOS status of the last
 * of three tries. Between tries the drive is reset (AH=00h): real drives, USB sticks
 * above all, fail a first read now and then (as every PC boot loader assumes). */
static uint8_t read_sectors(struct disk *d, uint64_t lba, uint32_t n)
{
    uint8_t status = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        struct regs r = {0};
        if (attempt) {
            r.eax = 0x0000;
            r.edx = d->drive;
            bios_call(0x13, &r, &r);
            r = (struct regs){0};
        }
        dap = (struct dap){sizeof dap, 0, (uint16_t)n, 0, BOUNCE_ADDR >> 4, lba};
        r.eax = 0x4200;
        r.edx = d->drive;
        r.ds = rm_seg(&dap);
        r.esi = rm_off(&dap);
        bios_call(0x13, &r, &r);
        status = (uint8_t)(r.eax >> 8);
        if (!(r.eflags & EFLAGS_CF) && !status)
            return 0;
        if (!status)
            status = 0xff; /* CF without a status: say something */
    }
    return status;
}

/* Reads `bytes` bytes from byte `offset` of the drive into dst: whole drive sectors into
 * the bounce buffer, up to max_sectors a call, and from there the bytes asked for. */
static int read_at(struct disk *d, uint64_t offset, uint64_t bytes, uint8_t *out,
                   struct eb_error *err)
{
    uint32_t ss = d->sector_size;
    uint64_t lba = offset >> d->sector_shift;
    uint32_t skip = (uint32_t)offset & (ss - 1); /* into the first sector */
    while (bytes) {
        uint32_t n = d->max_sectors, chunk = n * ss - skip;
        if (bytes < chunk) { /* the last call: only the sectors that hold the rest */
            chunk = (uint32_t)bytes;
            n = (skip + chunk + ss - 1) >> d->sector_shift;
        }
        uint8_t status = read_sectors(d, lba, n);
        if (status)
            return eb_fail(err, EB_ERR_IO,
                           "disk read error: drive 0x%x, LBA %llu (%u sectors of %u bytes): "
                           "BIOS status 0x%02x", (unsigned)d->drive, (unsigned long long)lba,
                           (unsigned)n, (unsigned)ss, (unsigned)status);
        copy_out(out, (const uint8_t *)BOUNCE_ADDR + skip, chunk);
        out += chunk;
        lba += n;
        bytes -= chunk;
        skip = 0;
    }
    return EB_OK;
}

static int read(void *ctx, uint64_t lba, uint64_t bytes, void *dst, struct eb_error *err)
{
    return read_at(ctx, lba * DISK_VIEW_SECTOR, bytes, dst, err);
}

int disk_init(struct disk *d, uint8_t drive, struct eb_error *err)
{
    struct regs r = {0};
    enable_sse();
    d->drive = drive;
    r.eax = 0x4100;
    r.ebx = 0x55aa;
    r.edx = drive;
    bios_call(0x13, &r, &r);
    if ((r.eflags & EFLAGS_CF) || (r.ebx & 0xffff) != 0xaa55 || !(r.ecx & 1))
        return eb_fail(err, EB_ERR_IO,
                       "the BIOS has no INT 13h extensions for drive 0x%x (needed for LBA reads)",
                       (unsigned)drive);

    d->sector_size = 512;
    memset(&params, 0, sizeof params);
    params.size = sizeof params;
    r = (struct regs){0};
    r.eax = 0x4800;
    r.edx = drive;
    r.ds = rm_seg(&params);
    r.esi = rm_off(&params);
    bios_call(0x13, &r, &r);
    if (!(r.eflags & EFLAGS_CF) && !(r.eax & 0xff00)) {
        uint16_t bps = params.bytes_per_sector;
        if (bps >= 512 && bps <= BLOCKDEV_MAX_SECTOR && !(bps & (bps - 1)))
            d->sector_size = bps; /* 2048 on CDs */
    }
    d->sector_shift = 0;
    while ((1u << d->sector_shift) < d->sector_size)
        d->sector_shift++;
    d->max_sectors = (BOUNCE_SIZE - 1) / d->sector_size;
    if (d->max_sectors > 127)
        d->max_sectors = 127;
    /* sector_count stays 0: a truncated image should fail with the read error that
     * names the LBA, not with a bounds check. */
    d->dev = (struct blockdev){d, DISK_VIEW_SECTOR, 0, read};
    return EB_OK;
}
