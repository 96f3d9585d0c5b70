/* imgcheck.c: an image reader for the tool's tests, written apart from imagetool/ (no
 * shared code, its own CRC32) so that it checks the writer instead of agreeing with it.
 * Reads the MBR and GPT of IMAGE with the offsets of the specifications (UEFI 2.10,
 * 5.2.1 and 5.3), prints what it finds one fact a line, and exits 1 when the structures
 * contradict each other (bad CRC, backup unlike primary, partition out of range).
 *   usage: imgcheck IMAGE [STAGE1 STAGE2]   (with the loaders: checks they are in place) */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int errors;

static void bad(const char *what)
{
    printf("ERROR %s\n", what);
    errors++;
}

static uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const uint8_t *p) { return le16(p) | le16(p + 2) << 16; }
static uint64_t le64(const uint8_t *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

/* CRC-32 (ISO 3309 / ITU-T V.42, reflected 0xEDB88320), bit by bit: slow and obvious. */
static uint32_t crc32_bits(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int b = 0; b < 8; b++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return ~c;
}

static void print_guid(const char *label, const uint8_t *g)
{
    printf("%s %08" PRIX32 "-%04" PRIX32 "-%04" PRIX32 "-%02X%02X-%02X%02X%02X%02X%02X%02X\n",
           label, le32(g), le16(g + 4), le16(g + 6), g[8], g[9], g[10], g[11], g[12], g[13],
           g[14], g[15]);
}

static uint8_t *load(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc(n > 0 ? (size_t)n : 1);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(b);
        return NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return b;
}

/* One GPT header at `lba`; returns its entries LBA, or 0 when broken. */
static uint64_t check_header(const uint8_t *d, uint64_t sectors, uint64_t lba, const char *name,
                             uint8_t copy[92])
{
    const uint8_t *h = d + lba * 512;
    char what[96];
    if (memcmp(h, "EFI PART", 8)) {
        snprintf(what, sizeof what, "%s: no 'EFI PART' signature", name);
        bad(what);
        return 0;
    }
    uint32_t size = le32(h + 12);
    if (size != 92) {
        bad("GPT header size is not 92");
        return 0;
    }
    memcpy(copy, h, 92);
    memset(copy + 16, 0, 4); /* the CRC field counts as zero */
    if (crc32_bits(copy, 92) != le32(h + 16)) {
        snprintf(what, sizeof what, "%s: header CRC32 wrong", name);
        bad(what);
    }
    uint64_t my = le64(h + 24), alt = le64(h + 32), first = le64(h + 40), last = le64(h + 48);
    uint64_t entries = le64(h + 72);
    uint32_t count = le32(h + 80), esize = le32(h + 84);
    printf("%s my_lba=%" PRIu64 " alternate_lba=%" PRIu64 " first_usable=%" PRIu64
           " last_usable=%" PRIu64 " entries_lba=%" PRIu64 " entries=%" PRIu32 "x%" PRIu32 "\n",
           name, my, alt, first, last, entries, count, esize);
    if (my != lba)
        bad("my_lba is not where the header is");
    if (alt != (lba == 1 ? sectors - 1 : 1))
        bad("alternate_lba does not point at the other header");
    uint64_t array = (count * (uint64_t)esize + 511) / 512; /* sectors of the entry array */
    if (esize < 128 || count * (uint64_t)esize > 1 << 20 || entries + array > sectors)
        bad("entry array out of range");
    else if (crc32_bits(d + entries * 512, count * (size_t)esize) != le32(h + 88))
        bad("entries CRC32 wrong");
    /* The usable range lies between the primary array and the backup one. */
    if (first < 2 + array || first > last || last > sectors - 2 - array)
        bad("usable range overlaps the GPT structures");
    memcpy(copy, h, 92);
    return entries;
}

static void check_gpt(const uint8_t *d, uint64_t sectors)
{
    uint8_t primary[92], backup[92];
    uint64_t pe = check_header(d, sectors, 1, "gpt.primary", primary);
    uint64_t be = check_header(d, sectors, sectors - 1, "gpt.backup", backup);
    if (!pe || !be)
        return;
    size_t array = (size_t)le32(primary + 80) * le32(primary + 84);
    if (be + (array + 511) / 512 != sectors - 1)
        bad("backup entries are not just before the backup header");
    if (memcmp(d + pe * 512, d + be * 512, array))
        bad("backup entries differ from the primary ones");
    if (memcmp(primary + 40, backup + 40, 32)) /* usable range and disk GUID */
        bad("backup header differs from the primary");
    print_guid("gpt.disk_guid", primary + 56);
    uint64_t first_usable = le64(primary + 40), last_usable = le64(primary + 48);
    uint32_t count = le32(primary + 80), esize = le32(primary + 84);
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *e = d + pe * 512 + (size_t)esize * i;
        static const uint8_t zero[16];
        if (!memcmp(e, zero, 16))
            continue;
        uint64_t first = le64(e + 32), last = le64(e + 40);
        char name[37] = {0};
        for (int c = 0; c < 36 && le16(e + 56 + 2 * c); c++)
            name[c] = (char)le16(e + 56 + 2 * c);
        printf("gpt.part%" PRIu32 " first=%" PRIu64 " last=%" PRIu64 " name=%s\n", i, first, last, name);
        print_guid("gpt.part.type", e);
        print_guid("gpt.part.guid", e + 16);
        if (first < first_usable || last > last_usable || first > last)
            bad("partition outside the usable range");
    }
}

static void check_mbr(const uint8_t *d, uint64_t sectors, const char *s1, const char *s2)
{
    printf("mbr.signature %02x%02x\n", d[510], d[511]);
    if (d[510] != 0x55 || d[511] != 0xAA)
        bad("no 55 AA");
    uint64_t s2lba = le64(d + 428);
    uint32_t s2n = le16(d + 436);
    printf("mbr.stage2_lba %" PRIu64 "\nmbr.stage2_sectors %" PRIu32 "\n", s2lba, s2n);
    printf("mbr.disk_signature %08" PRIx32 "\n", le32(d + 440));
    for (int i = 0; i < 4; i++) {
        const uint8_t *p = d + 446 + 16 * i;
        if (!p[4])
            continue;
        uint32_t first = le32(p + 8), count = le32(p + 12);
        printf("mbr.part%d status=%02x type=%02x first=%" PRIu32 " sectors=%" PRIu32 "\n", i,
               p[0], p[4], first, count);
        if (p[4] == 0xEE && (first != 1 || (count != sectors - 1 && count != 0xFFFFFFFFu)))
            bad("protective entry does not cover the disk from LBA 1");
        if (p[4] != 0xEE && (uint64_t)first + count > sectors)
            bad("MBR partition past the end of the disk");
    }
    size_t n1 = 0, n2 = 0;
    uint8_t *b1 = s1 ? load(s1, &n1) : NULL, *b2 = s2 ? load(s2, &n2) : NULL;
    if (b1 && b2) {
        int code_ok = !memcmp(d, b1, n1), s2_ok = s2lba && s2lba * 512 + n2 <= sectors * 512 &&
                                                  !memcmp(d + s2lba * 512, b2, n2);
        printf("mbr.stage1 %s\nstage2 %s\n", code_ok ? "matches" : "differs",
               s2_ok ? "matches" : "differs");
        printf("stage2.fits %s\n", s2n * 512ull >= n2 ? "yes" : "no");
    }
    free(b1), free(b2);
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 4) {
        fprintf(stderr, "usage: imgcheck IMAGE [STAGE1 STAGE2]\n");
        return 2;
    }
    size_t size;
    uint8_t *d = load(argv[1], &size);
    if (!d || size < 512 || size % 512) {
        fprintf(stderr, "imgcheck: cannot read %s as a disk\n", argv[1]);
        return 2;
    }
    uint64_t sectors = size / 512;
    printf("disk.sectors %" PRIu64 "\n", sectors);
    check_mbr(d, sectors, argc == 4 ? argv[2] : NULL, argc == 4 ? argv[3] : NULL);
    if (d[446 + 4] == 0xEE && sectors > 67)
        check_gpt(d, sectors);
    free(d);
    return errors ? 1 : 0;
}
