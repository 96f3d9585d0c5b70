/* acpi.c: the ACPI RSDP and the SMBIOS entry point, found by their specifications'
 * memory searches (ACPI 6.5, 5.2.5.1; SMBIOS 3.7, 5.2). */
#include <stdbool.h>

#include "bios.h"
#include "stage2.h"
#include "util.h"

#define BDA_EBDA_SEGMENT 0x40e

static bool checksum_ok(const uint8_t *p, uint32_t len)
{
    uint8_t sum = 0;
    for (uint32_t i = 0; i < len; i++)
        sum = (uint8_t)(sum + p[i]);
    return sum == 0;
}

/* "RSD PTR " on a 16-byte boundary in [start, end), with valid checksums. */
static uint64_t scan_rsdp(uint32_t start, uint32_t end)
{
    for (uint32_t a = start; a + 36 <= end; a += 16) {
        const uint8_t *p = (const uint8_t *)(uintptr_t)a;
        if (memcmp(p, "RSD PTR ", 8) != 0 || !checksum_ok(p, 20))
            continue;
        uint32_t length;
        memcpy(&length, p + 20, 4);
        if (p[15] >= 2 && (length < 36 || length > end - a || !checksum_ok(p, length)))
            continue; /* ACPI 2.0+: the extended checksum covers `length` bytes */
        return a;
    }
    return 0;
}

uint64_t acpi_find_rsdp(void)
{
    uint32_t ebda = (uint32_t)*(volatile uint16_t *)phys_ptr(BDA_EBDA_SEGMENT) << 4;
    uint64_t rsdp = 0;
    if (ebda >= 0x400 && ebda < 0xa0000) /* the first KiB of the EBDA */
        rsdp = scan_rsdp(ebda, ebda + 1024);
    if (!rsdp) /* then the BIOS read-only area */
        rsdp = scan_rsdp(0xe0000, 0x100000);
    return rsdp;
}

uint64_t smbios_find(void)
{
    /* The 64-bit entry point (_SM3_) where there is one, else the 32-bit one (_SM_). */
    for (uint32_t a = 0xf0000; a + 32 <= 0x100000; a += 16) {
        const uint8_t *p = (const uint8_t *)(uintptr_t)a;
        if (memcmp(p, "_SM3_", 5) == 0 && p[6] >= 24 && p[6] <= 32 && checksum_ok(p, p[6]))
            return a;
    }
    for (uint32_t a = 0xf0000; a + 32 <= 0x100000; a += 16) {
        const uint8_t *p = (const uint8_t *)(uintptr_t)a;
        if (memcmp(p, "_SM_", 4) == 0 && p[5] >= 31 && p[5] <= 32 && checksum_ok(p, p[5]) &&
            memcmp(p + 16, "_DMI_", 5) == 0 && checksum_ok(p + 16, 15))
            return a;
    }
    return 0;
}
