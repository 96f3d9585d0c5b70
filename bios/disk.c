/* disk.c: reading the boot drive with INT 13h AH=42h (EDD 3.0, 7.2 and 7.4).
 *
 * Each call reads up to 127 sectors (the limit many BIOSes keep; Phoenix EDD 3.0) into
 * the bounce buffer below 1 MiB, then 32-bit string moves copy them where they belong:
 * the BIOS cannot address memory above 1 MiB, and byte copies would cost more than the
 * reads under emulation.
 */
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

/* 32-bit moves for the bulk, then the last 0 to 3 bytes. */
static void copy_dwords(void *dst, const void *src, uint32_t bytes)
{
    uint32_t n = bytes / 4;
    __asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
    for (uint32_t i = 0; i < (bytes & 3); i++)
        ((uint8_t *)dst)[i] = ((const uint8_t *)src)[i];
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
        struct regs r = {0};
        dap = (struct dap){sizeof dap, 0, (uint16_t)n, 0, BOUNCE_ADDR >> 4, lba};
        r.eax = 0x4200;
        r.edx = d->drive;
        r.ds = rm_seg(&dap);
        r.esi = rm_off(&dap);
        bios_call(0x13, &r, &r);
        if ((r.eflags & EFLAGS_CF) || (r.eax & 0xff00))
            return eb_fail(err, EB_ERR_IO,
                           "disk read error: drive 0x%x, LBA %llu (%u sectors of %u bytes): "
                           "BIOS status 0x%02x", (unsigned)d->drive, (unsigned long long)lba,
                           (unsigned)n, (unsigned)ss, (unsigned)((r.eax >> 8) & 0xff));
        copy_dwords(out, (const uint8_t *)BOUNCE_ADDR + skip, chunk);
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
