/* firmware.c: what the loader passed on from the firmware: the ACPI RSDP and the tables
 * it leads to, the SMBIOS entry point, the EFI system table, the boot time. */
#include "check.h"
#include "conformance.h"
#include "crc32.h"
#include "paging.h"
#include "kstring.h"

static uint8_t sum_bytes(const void *p, uint64_t n)
{
    const volatile uint8_t *b = p;
    uint8_t s = 0;
    while (n--)
        s = (uint8_t)(s + *b++);
    return s;
}

static bool readable(uint64_t phys, uint64_t size)
{
    return phys && phys < conf.top && size <= conf.top - phys;
}

static void check_firmware_kind(void)
{
    uint32_t fw = conf.info->firmware;
    check(fw == conf.expect.firmware, "firmware.kind", "%u (%s), expected %s (fw= on the "
          "command line)", fw, fw == ELFBOOT_FIRMWARE_BIOS ? "bios" : fw == ELFBOOT_FIRMWARE_UEFI
          ? "uefi" : "unknown", conf.expect.firmware == ELFBOOT_FIRMWARE_BIOS ? "bios" : "uefi");
}

/* ACPI 6.5, 5.2.5.3 (RSDP) and 5.2.6 (system description table header). */
struct rsdp {
    char signature[8];
    uint8_t checksum;
    char oem_id[6];
    uint8_t revision;
    uint32_t rsdt;
    uint32_t length;
    uint64_t xsdt;
    uint8_t extended_checksum;
    uint8_t reserved[3];
} __attribute__((packed));
_Static_assert(sizeof(struct rsdp) == 36, "ACPI RSDP");

struct sdt_header {
    char signature[4];
    uint32_t length;
    uint8_t revision, checksum;
    char oem_id[6], oem_table_id[8];
    uint32_t oem_revision, creator_id, creator_revision;
} __attribute__((packed));
_Static_assert(sizeof(struct sdt_header) == 36, "ACPI table header");

/* A table at `phys` with `signature` and a valid checksum; on success, its header. */
static const struct sdt_header *acpi_table(uint64_t phys, const char *signature)
{
    if (!readable(phys, sizeof(struct sdt_header)))
        return 0;
    const struct sdt_header *h = phys_to_virt(phys);
    if ((signature && memcmp(h->signature, signature, 4)) || h->length < sizeof *h ||
        !readable(phys, h->length) || sum_bytes(h, h->length) != 0)
        return 0;
    return h;
}

/* Every table the RSDT/XSDT lists must pass its checksum too. */
static void check_sdt_entries(const char *name, const struct sdt_header *sdt, unsigned width)
{
    uint64_t n = (sdt->length - sizeof *sdt) / width, bad = 0;
    const uint8_t *p = (const uint8_t *)(sdt + 1);
    char list[128] = "";
    size_t used = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t addr = 0;
        memcpy(&addr, p + i * width, width);
        const struct sdt_header *t = acpi_table(addr, 0);
        if (!t)
            bad++;
        else if (used + 6 < sizeof list) {
            char signature[5] = { 0 };
            memcpy(signature, t->signature, 4);
            used += (size_t)ksnprintf(list + used, sizeof list - used, "%s ", signature);
        }
    }
    check_note("%s lists %lu tables: %s", name, n, list);
    check(bad == 0 && n > 0, name, "%lu of %lu tables it lists are unreadable or fail their "
          "checksum", bad, n);
}

static void check_acpi(void)
{
    uint64_t phys = conf.info->rsdp;
    if (!check(readable(phys, 20), "acpi.rsdp-present", "rsdp 0x%lx (QEMU always has ACPI)",
               phys))
        return;
    const struct rsdp *r = phys_to_virt(phys);
    if (!check(!memcmp(r->signature, "RSD PTR ", 8) && sum_bytes(r, 20) == 0,
               "acpi.rsdp-checksum", "no \"RSD PTR \" with a valid ACPI 1.0 checksum at 0x%lx",
               phys))
        return;
    check_note("RSDP revision %u at 0x%lx, RSDT 0x%x%s", r->revision, phys, r->rsdt,
               r->revision >= 2 ? ", XSDT follows" : "");
    /* acpi=2: the firmware had an ACPI 2.0 RSDP, which the loader must prefer. */
    if (conf.expect.acpi)
        check((r->revision >= 2) == (conf.expect.acpi == 2), "acpi.version",
              "RSDP revision %u, expected ACPI %u.0 (acpi= on the command line)", r->revision,
              conf.expect.acpi);
    if (r->rsdt) {
        const struct sdt_header *rsdt = acpi_table(r->rsdt, "RSDT");
        if (check(rsdt != 0, "acpi.rsdt", "no valid RSDT at 0x%x", r->rsdt))
            check_sdt_entries("acpi.rsdt-tables", rsdt, 4);
    }
    if (r->revision >= 2) {
        check(r->length >= sizeof *r && sum_bytes(r, r->length) == 0, "acpi.rsdp-extended",
              "length %u, extended checksum does not sum to 0", r->length);
        const struct sdt_header *xsdt = acpi_table(r->xsdt, "XSDT");
        if (check(xsdt != 0, "acpi.xsdt", "no valid XSDT at 0x%lx", r->xsdt))
            check_sdt_entries("acpi.xsdt-tables", xsdt, 8);
    } else {
        check(r->rsdt != 0, "acpi.rsdt", "an ACPI 1.0 RSDP without an RSDT");
    }
}

/* SMBIOS 3.7, 5.2.1 (_SM_, 32-bit) and 5.2.2 (_SM3_, 64-bit). */
static void check_smbios(void)
{
    uint64_t phys = conf.info->smbios;
    if (!check(readable(phys, 32), "smbios.present", "smbios 0x%lx (QEMU always has SMBIOS)",
               phys))
        return;
    const uint8_t *ep = phys_to_virt(phys);
    uint64_t table = 0, table_size = 0;
    if (!memcmp(ep, "_SM3_", 5)) {
        check(ep[6] >= 0x18 && sum_bytes(ep, ep[6]) == 0, "smbios.checksum",
              "_SM3_ entry point of length %u does not sum to 0", ep[6]);
        memcpy(&table, ep + 0x10, 8);
        uint32_t max;
        memcpy(&max, ep + 0x0c, 4);
        table_size = max;
    } else if (!memcmp(ep, "_SM_", 4)) {
        check(ep[5] >= 0x1f && sum_bytes(ep, ep[5]) == 0 && !memcmp(ep + 0x10, "_DMI_", 5) &&
                  sum_bytes(ep + 0x10, 15) == 0,
              "smbios.checksum", "_SM_ entry point (length %u) or its _DMI_ part does not sum "
              "to 0", ep[5]);
        uint32_t addr;
        uint16_t len;
        memcpy(&addr, ep + 0x18, 4);
        memcpy(&len, ep + 0x16, 2);
        table = addr;
        table_size = len;
    } else {
        check_fail("smbios.anchor", "no _SM_ or _SM3_ anchor at 0x%lx", phys);
        return;
    }
    check_pass("smbios.anchor");
    bool v3 = !memcmp(ep, "_SM3_", 5);
    check_note("SMBIOS %s entry point at 0x%lx, structure table at 0x%lx", v3 ? "3.0 (_SM3_)"
               : "2.x (_SM_)", phys, table);
    /* smbios=3: the firmware had a 64-bit entry point, which the loader must prefer. */
    if (conf.expect.smbios)
        check(v3 == (conf.expect.smbios == 3), "smbios.version", "a %s entry point, expected "
              "SMBIOS %u (smbios= on the command line)", v3 ? "_SM3_" : "_SM_",
              conf.expect.smbios);
    /* The first structure: a 4-byte header (type, length, handle), length >= 4. */
    bool ok = readable(table, 4) && table_size >= 4 && ((const uint8_t *)phys_to_virt(table))[1] >= 4;
    check(ok, "smbios.table", "structure table at 0x%lx (size %lu) is not readable", table,
          table_size);
}

/* UEFI 2.10, 4.3: EFI_SYSTEM_TABLE begins with a table header whose CRC32 covers
 * HeaderSize bytes with the CRC field taken as 0; ExitBootServices recomputes it. */
#define EFI_SYSTEM_TABLE_SIGNATURE 0x5453595320494249ull /* "IBI SYST" */

static void check_efi_system_table(void)
{
    uint64_t phys = conf.info->efi_system_table;
    if (conf.info->firmware != ELFBOOT_FIRMWARE_UEFI) {
        check(phys == 0, "efi.system-table", "0x%lx on a BIOS boot, expected 0", phys);
        return;
    }
    if (!check(readable(phys, 24), "efi.system-table", "0x%lx is not a readable address", phys))
        return;
    const uint8_t *st = phys_to_virt(phys);
    uint64_t signature;
    uint32_t header_size, crc;
    memcpy(&signature, st, 8);
    memcpy(&header_size, st + 12, 4);
    memcpy(&crc, st + 16, 4);
    check(signature == EFI_SYSTEM_TABLE_SIGNATURE, "efi.signature", "0x%lx, expected "
          "0x%llx", signature, EFI_SYSTEM_TABLE_SIGNATURE);
    if (header_size < 24 || header_size > 4096 || !readable(phys, header_size))
        return;
    static const uint8_t zero[4];
    uint32_t c = crc32(0, st, 16);
    c = crc32(c, zero, 4);
    c = crc32(c, st + 20, header_size - 20);
    check(c == crc, "efi.header-crc", "CRC32 0x%08x, the header says 0x%08x", c, crc);
}

#define TIME_2020 1577836800ull /* 2020-01-01T00:00:00Z */
#define TIME_2100 4102444800ull /* 2100-01-01T00:00:00Z */

static void check_boot_time(void)
{
    uint64_t t = conf.info->boot_time;
    check(t >= TIME_2020 && t < TIME_2100, "time.plausible", "boot_time %lu is not between "
          "2020 and 2100", t);
    if (conf.expect.has_time) {
        uint64_t d = t > conf.expect.time ? t - conf.expect.time : conf.expect.time - t;
        check(d <= 3600, "time.matches-host", "boot_time %lu is %lu s away from the host's "
              "time=%lu (time zone, or BCD decoding?)", t, d, conf.expect.time);
    }
}

void check_firmware_tables(void)
{
    check_firmware_kind();
    check_acpi();
    check_smbios();
    check_efi_system_table();
    check_boot_time();
}
