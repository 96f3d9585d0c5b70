/* fat.c: FAT12/16/32 with long names (fat.h). Pure C: every byte comes through the
 * blockdev, and nothing read from the disk is trusted before it is checked. */
#include "fat.h"
#include "util.h"

/* log2 of a power of two; 32 when v is not one. */
static uint32_t log2_exact(uint32_t v)
{
    if (v == 0 || (v & (v - 1)))
        return 32;
    uint32_t s = 0;
    while ((1u << s) != v)
        s++;
    return s;
}

int fat_mount(struct fat_volume *v, const struct blockdev *dev, uint64_t lba,
              struct eb_error *err)
{
    struct fat_bpb b;
    memset(v, 0, offsetof(struct fat_volume, cache));
    v->dev = dev;
    v->lba = lba;
    if (dev->sector_size < 512 || dev->sector_size > BLOCKDEV_MAX_SECTOR)
        return eb_fail(err, EB_ERR_FAT, "FAT: sector size %u is not supported",
                       (unsigned)dev->sector_size);
    int rc = dev->read(dev->ctx, lba, dev->sector_size, v->dir, err);
    if (rc != EB_OK)
        return rc;
    memcpy(&b, v->dir, sizeof b);
    if (v->dir[510] != 0x55 || v->dir[511] != 0xaa)
        return eb_fail(err, EB_ERR_FAT, "FAT: no boot sector signature at LBA %llu",
                       (unsigned long long)lba);
    if (b.bytes_per_sector != dev->sector_size)
        return eb_fail(err, EB_ERR_FAT, "FAT: %u-byte sectors on a disk of %u-byte sectors",
                       (unsigned)b.bytes_per_sector, (unsigned)dev->sector_size);
    v->sector_size = b.bytes_per_sector;
    v->sector_shift = log2_exact(v->sector_size);
    v->cluster_sectors = b.sectors_per_cluster;
    v->cluster_shift = log2_exact(b.sectors_per_cluster);
    if (v->sector_shift > 12 || v->cluster_shift > 7)
        return eb_fail(err, EB_ERR_FAT, "FAT: bad geometry (%u bytes a sector, %u a cluster)",
                       (unsigned)b.bytes_per_sector, (unsigned)b.sectors_per_cluster);
    uint32_t total = b.total_sectors16 ? b.total_sectors16 : b.total_sectors32;
    uint32_t fat_size = b.fat_size16 ? b.fat_size16 : b.fat_size32;
    if (b.reserved_sectors == 0 || b.fat_count == 0 || fat_size == 0)
        return eb_fail(err, EB_ERR_FAT, "FAT: no reserved sectors or no FAT in the BPB");
    uint32_t root_sectors =
        ((uint32_t)b.root_entries * 32 + v->sector_size - 1) >> v->sector_shift;
    uint64_t meta = (uint64_t)b.reserved_sectors + (uint64_t)b.fat_count * fat_size +
                    root_sectors;
    if (meta >= total)
        return eb_fail(err, EB_ERR_FAT, "FAT: the FATs fill the whole volume");
    v->cluster_count = (uint32_t)((total - meta) >> v->cluster_shift);
    if (v->cluster_count == 0)
        return eb_fail(err, EB_ERR_FAT, "FAT: no data clusters");
    /* The type follows from the cluster count alone (FAT specification, "FAT Type
     * Determination"). */
    v->type = v->cluster_count < 4085 ? 12 : v->cluster_count < 65525 ? 16 : 32;
    v->fat_start = b.reserved_sectors;
    v->fat_sectors = fat_size;
    v->root_start = (uint32_t)(b.reserved_sectors + (uint64_t)b.fat_count * fat_size);
    v->root_sectors = root_sectors;
    v->data_start = (uint32_t)meta;

    uint64_t last = (uint64_t)v->cluster_count + 2; /* FAT entries needed */
    uint64_t fat_bytes = v->type == 12 ? (last * 3 + 1) / 2 : last * (v->type / 8);
    if (((uint64_t)fat_size << v->sector_shift) < fat_bytes)
        return eb_fail(err, EB_ERR_FAT, "FAT%u: the FAT is too small for %u clusters",
                       (unsigned)v->type, (unsigned)v->cluster_count);
    if (v->type == 32) {
        if (b.root_entries != 0 || b.fat_size16 != 0)
            return eb_fail(err, EB_ERR_FAT, "FAT32: BPB has FAT12/16 root fields");
        v->root_cluster = b.root_cluster;
        if (v->root_cluster < 2 || v->root_cluster > v->cluster_count + 1)
            return eb_fail(err, EB_ERR_FAT, "FAT32: root cluster %u is out of range",
                           (unsigned)v->root_cluster);
    } else if (b.root_entries == 0) {
        return eb_fail(err, EB_ERR_FAT, "FAT%u: no root directory entries",
                       (unsigned)v->type);
    }
    return EB_OK;
}

/* ---- Clusters ---- */

static bool cluster_valid(const struct fat_volume *v, uint32_t c)
{
    return c >= 2 && c <= v->cluster_count + 1;
}

static bool cluster_is_end(const struct fat_volume *v, uint32_t c)
{
    return c >= (v->type == 12 ? 0xff8u : v->type == 16 ? 0xfff8u : 0x0ffffff8u);
}

static uint64_t cluster_lba(const struct fat_volume *v, uint32_t c)
{
    return v->lba + v->data_start + ((uint64_t)(c - 2) << v->cluster_shift);
}

/* The FAT entry of cluster c (valid), through a window of FAT sectors. */
static int fat_next(struct fat_volume *v, uint32_t c, uint32_t *next, struct eb_error *err)
{
    uint32_t off = v->type == 32 ? c * 4 : v->type == 16 ? c * 2 : c + c / 2;
    uint32_t need = v->type == 32 ? 4 : 2;
    uint32_t first = off >> v->sector_shift, last = (off + need - 1) >> v->sector_shift;
    if (!v->cache_count || first < v->cache_first || last >= v->cache_first + v->cache_count) {
        uint32_t n = FAT_CACHE_BYTES >> v->sector_shift;
        if (n > v->fat_sectors - first)
            n = v->fat_sectors - first; /* mount checked that `last` is inside the FAT */
        v->cache_count = 0;
        int rc = v->dev->read(v->dev->ctx, v->lba + v->fat_start + first,
                              (uint64_t)n << v->sector_shift, v->cache, err);
        if (rc != EB_OK)
            return rc;
        v->cache_first = first;
        v->cache_count = n;
    }
    const uint8_t *p = v->cache + (off - (v->cache_first << v->sector_shift));
    uint32_t value = p[0] | (uint32_t)p[1] << 8;
    if (v->type == 32)
        value = (value | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24) & 0x0fffffff;
    else if (v->type == 12)
        value = (c & 1) ? value >> 4 : value & 0xfff;
    *next = value;
    return EB_OK;
}

/* ---- Directories ---- */

struct dir_iter {
    uint32_t cluster; /* 0: the FAT12/16 fixed root */
    uint32_t index;   /* sector within the cluster (or the root) */
    uint32_t steps;   /* clusters followed: a loop guard */
};

/* The directory's next sectors, as many as v->dir holds within one cluster (or the
 * fixed root): *lba and *count; *end when there are none. */
static int dir_next_sectors(struct fat_volume *v, struct dir_iter *it, uint64_t *lba,
                            uint32_t *count, bool *end, struct eb_error *err)
{
    uint32_t room = FAT_DIR_BYTES >> v->sector_shift;
    *end = false;
    if (it->cluster == 0) {
        if (it->index >= v->root_sectors) {
            *end = true;
            return EB_OK;
        }
        *count = v->root_sectors - it->index < room ? v->root_sectors - it->index : room;
        *lba = v->lba + v->root_start + it->index;
        it->index += *count;
        return EB_OK;
    }
    if (it->index == v->cluster_sectors) {
        uint32_t next;
        int rc = fat_next(v, it->cluster, &next, err);
        if (rc != EB_OK)
            return rc;
        if (cluster_is_end(v, next)) {
            *end = true;
            return EB_OK;
        }
        if (!cluster_valid(v, next) || ++it->steps > v->cluster_count)
            return eb_fail(err, EB_ERR_FAT, "FAT: broken directory cluster chain at %u",
                           (unsigned)it->cluster);
        it->cluster = next;
        it->index = 0;
    }
    *count = v->cluster_sectors - it->index < room ? v->cluster_sectors - it->index : room;
    *lba = cluster_lba(v, it->cluster) + it->index;
    it->index += *count;
    return EB_OK;
}

#define LFN_MAX_PARTS 20 /* 20 * 13 = 260 >= 255 characters */

struct long_name {
    uint16_t chars[LFN_MAX_PARTS * 13 + 1];
    uint8_t checksum;
    uint8_t expect; /* the next sequence number wanted; 0: complete */
    bool valid;
};

static uint8_t short_name_checksum(const char name[11])
{
    uint8_t sum = 0;
    for (int i = 0; i < 11; i++)
        sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + (uint8_t)name[i]);
    return sum;
}

static void long_name_add(struct long_name *ln, const struct fat_lfn *e)
{
    uint32_t seq = e->order & 0x1f;
    if (e->order & 0x40) { /* the last part comes first */
        ln->valid = seq >= 1 && seq <= LFN_MAX_PARTS;
        ln->expect = (uint8_t)seq;
        ln->checksum = e->checksum;
        if (ln->valid)
            ln->chars[seq * 13] = 0;
    }
    if (!ln->valid || seq != ln->expect || e->checksum != ln->checksum) {
        ln->valid = false;
        return;
    }
    uint16_t *dst = &ln->chars[(seq - 1) * 13];
    memcpy(dst, e->name1, sizeof e->name1);
    memcpy(dst + 5, e->name2, sizeof e->name2);
    memcpy(dst + 11, e->name3, sizeof e->name3);
    ln->expect--;
}

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 'a' - 'A') : c;
}

/* The UTF-16 long name against the UTF-8 path component, ASCII case-insensitively. */
static bool long_name_matches(const uint16_t *name, const char *comp, size_t len)
{
    size_t j = 0;
    for (size_t i = 0; i < LFN_MAX_PARTS * 13 && name[i]; i++) {
        uint16_t c = name[i];
        char enc[3];
        size_t k;
        if (c < 0x80) {
            enc[0] = (char)c;
            k = 1;
        } else if (c < 0x800) {
            enc[0] = (char)(0xc0 | c >> 6);
            enc[1] = (char)(0x80 | (c & 0x3f));
            k = 2;
        } else {
            enc[0] = (char)(0xe0 | c >> 12);
            enc[1] = (char)(0x80 | ((c >> 6) & 0x3f));
            enc[2] = (char)(0x80 | (c & 0x3f));
            k = 3;
        }
        if (j + k > len)
            return false;
        for (size_t m = 0; m < k; m++)
            if (fold(enc[m]) != fold(comp[j + m]))
                return false;
        j += k;
    }
    return j == len;
}

/* "NAME.EXT" from the space-padded 8.3 field, against the component. */
static bool short_name_matches(const char raw[11], const char *comp, size_t len)
{
    char name[12];
    size_t n = 0;
    int base_end = 8, ext_end = 11;
    while (base_end > 0 && raw[base_end - 1] == ' ')
        base_end--;
    while (ext_end > 8 && raw[ext_end - 1] == ' ')
        ext_end--;
    for (int i = 0; i < base_end; i++)
        name[n++] = (i == 0 && raw[0] == 0x05) ? (char)0xe5 : raw[i]; /* 0x05 stands for 0xE5 */
    if (ext_end > 8) {
        name[n++] = '.';
        for (int i = 8; i < ext_end; i++)
            name[n++] = raw[i];
    }
    if (n != len)
        return false;
    for (size_t i = 0; i < n; i++)
        if (fold(name[i]) != fold(comp[i]))
            return false;
    return true;
}

static struct fat_file root_of(const struct fat_volume *v)
{
    return (struct fat_file){v->type == 32 ? v->root_cluster : 0, 0, true};
}

/* Looks `comp` (len bytes) up in directory `dir`. EB_ERR_FAT with an empty message when
 * it is not there (the caller names the path). */
static int lookup(struct fat_volume *v, const struct fat_file *dir, const char *comp,
                  size_t len, struct fat_file *out, struct eb_error *err)
{
    struct dir_iter it = {dir->cluster, 0, 0};
    struct long_name ln;
    ln.valid = false;
    if (dir->cluster && !cluster_valid(v, dir->cluster))
        return eb_fail(err, EB_ERR_FAT, "FAT: directory cluster %u is out of range",
                       (unsigned)dir->cluster);
    for (;;) {
        uint64_t lba = 0;
        uint32_t count = 0;
        bool end;
        int rc = dir_next_sectors(v, &it, &lba, &count, &end, err);
        if (rc != EB_OK)
            return rc;
        if (end)
            break;
        uint32_t bytes = count << v->sector_shift;
        rc = v->dev->read(v->dev->ctx, lba, bytes, v->dir, err);
        if (rc != EB_OK)
            return rc;
        for (uint32_t i = 0; i < bytes / sizeof(struct fat_dirent); i++) {
            struct fat_dirent e;
            memcpy(&e, v->dir + i * sizeof e, sizeof e);
            if (e.name[0] == 0) /* no entries after this one */
                return eb_fail(err, EB_ERR_FAT, "%s", "");
            if ((uint8_t)e.name[0] == 0xe5) { /* deleted */
                ln.valid = false;
                continue;
            }
            if ((e.attr & 0x3f) == FAT_ATTR_LFN) {
                struct fat_lfn l;
                memcpy(&l, &e, sizeof l);
                long_name_add(&ln, &l);
                continue;
            }
            bool has_long = ln.valid && ln.expect == 0 &&
                            ln.checksum == short_name_checksum(e.name);
            ln.valid = false;
            if (e.attr & FAT_ATTR_VOLUME)
                continue;
            if ((has_long && long_name_matches(ln.chars, comp, len)) ||
                short_name_matches(e.name, comp, len)) {
                out->cluster = e.cluster_low;
                if (v->type == 32)
                    out->cluster |= (uint32_t)e.cluster_high << 16;
                out->size = e.size;
                out->directory = (e.attr & FAT_ATTR_DIRECTORY) != 0;
                if (out->directory && out->cluster == 0) /* ".." of a top directory */
                    *out = root_of(v);
                return EB_OK;
            }
        }
    }
    return eb_fail(err, EB_ERR_FAT, "%s", "");
}

int fat_open(struct fat_volume *v, const char *path, struct fat_file *f,
             struct eb_error *err)
{
    struct fat_file cur = root_of(v);
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != '/')
            q++;
        if (!cur.directory)
            return eb_fail(err, EB_ERR_FAT, "file not found: %s (a file is in the way)", path);
        int rc = lookup(v, &cur, p, (size_t)(q - p), &cur, err);
        if (rc != EB_OK) {
            if (rc == EB_ERR_FAT && err && !err->message[0])
                return eb_fail(err, EB_ERR_FAT, "file not found: %s", path);
            return rc;
        }
        p = q;
    }
    if (cur.directory)
        return eb_fail(err, EB_ERR_FAT, "%s is a directory, not a file", path);
    *f = cur;
    return EB_OK;
}

/* ---- File contents ---- */

int fat_read(struct fat_volume *v, const struct fat_file *f, void *dst,
             struct eb_error *err)
{
    uint8_t *out = dst;
    uint64_t left = f->size;
    uint32_t cluster_bytes = v->sector_size << v->cluster_shift;
    uint32_t c = f->cluster, steps = 0;
    while (left) {
        if (!cluster_valid(v, c))
            return eb_fail(err, EB_ERR_FAT, "FAT: file cluster %u is out of range "
                           "(%llu bytes still to read)", (unsigned)c,
                           (unsigned long long)left);
        /* A run of consecutive clusters becomes one read. */
        uint32_t start = c, count = 1, next = 0;
        bool have_next = false;
        while ((uint64_t)count * cluster_bytes < left) {
            int rc = fat_next(v, c, &next, err);
            if (rc != EB_OK)
                return rc;
            have_next = true;
            if (next != c + 1 || !cluster_valid(v, next))
                break;
            c = next;
            count++;
            have_next = false;
            if (++steps > v->cluster_count)
                return eb_fail(err, EB_ERR_FAT, "FAT: cluster chain loops");
        }
        uint64_t bytes = (uint64_t)count * cluster_bytes;
        if (bytes > left)
            bytes = left; /* the device stores no byte past the file's end */
        int rc = v->dev->read(v->dev->ctx, cluster_lba(v, start), bytes, out, err);
        if (rc != EB_OK)
            return rc;
        out += bytes;
        left -= bytes;
        if (!left)
            break;
        if (!have_next) {
            int rc = fat_next(v, c, &next, err);
            if (rc != EB_OK)
                return rc;
        }
        if (cluster_is_end(v, next))
            return eb_fail(err, EB_ERR_FAT, "FAT: cluster chain ends %llu bytes before "
                           "the file's size", (unsigned long long)left);
        if (++steps > v->cluster_count)
            return eb_fail(err, EB_ERR_FAT, "FAT: cluster chain loops");
        c = next;
    }
    return EB_OK;
}
