/* tables.c: the ACPI RSDP and the SMBIOS entry point, from the system table's
 * configuration table (UEFI 2.10, 4.6). The newer table wins where both exist: ACPI 2.0
 * (the RSDP with the XSDT) before 1.0, SMBIOS 3.0 (64-bit) before 2.x.
 */
#include "uefi.h"
#include "util.h"

static uint64_t find_table(EFI_GUID guid)
{
    for (UINTN i = 0; i < uefi_st->NumberOfTableEntries; i++) {
        EFI_CONFIGURATION_TABLE *t = &uefi_st->ConfigurationTable[i];
        if (memcmp(&t->VendorGuid, &guid, sizeof(guid)) == 0)
            return (uint64_t)(uintptr_t)t->VendorTable;
    }
    return 0;
}

void uefi_find_tables(uint64_t *rsdp, uint64_t *smbios)
{
    EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;
    EFI_GUID smbios3 = SMBIOS3_TABLE_GUID, smbios2 = SMBIOS_TABLE_GUID;
    const char *acpi_kind = "2.0", *smbios_kind = "3.0";

    *rsdp = find_table(acpi20);
    if (!*rsdp) {
        *rsdp = find_table(acpi10);
        acpi_kind = "1.0";
    }
    *smbios = find_table(smbios3);
    if (!*smbios) {
        *smbios = find_table(smbios2);
        smbios_kind = "2.x";
    }
    if (*rsdp)
        uefi_log("acpi: RSDP (ACPI %s) at 0x%llx", acpi_kind, (unsigned long long)*rsdp);
    else
        uefi_log("acpi: the firmware publishes no RSDP");
    if (*smbios)
        uefi_log("smbios: %s entry point at 0x%llx", smbios_kind,
                 (unsigned long long)*smbios);
    else
        uefi_log("smbios: the firmware publishes no SMBIOS table");
}
