/* audit.c: `audit = on` (bootloader/audit.h). Before the kernel and the modules are
 * read, the CRC-32 of every firmware range of the UEFI memory map, and the loader's own
 * image (EFI_LOADED_IMAGE_PROTOCOL: UEFI 2.10, 9.1); once more around ExitBootServices,
 * which writes the firmware's runtime data; the text is written after it. */
#include "audit.h"
#include "memmap.h"
#include "uefi.h"
#include "util.h"

#define MAX_RANGES 512

static struct eb_audit_range ranges[MAX_RANGES];
static size_t range_count, left_out;
static struct eb_module_input module; /* phys 0: no audit */

static const void *read_phys(void *ctx, uint64_t phys, uint64_t size)
{
    (void)ctx, (void)size;
    return (const void *)(uintptr_t)phys; /* identity mapped, before and after the exit */
}

static struct eb_audit_range loader_image(void)
{
    EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
    EFI_LOADED_IMAGE *image;
    EFI_STATUS status = uefi_bs->HandleProtocol(uefi_image, &loaded_image_guid,
                                                (void **)&image);
    if (EFI_ERROR(status))
        uefi_fatal("audit: no EFI_LOADED_IMAGE_PROTOCOL for the loader: %s",
                   uefi_status_text(status));
    uint64_t base = (uint64_t)(uintptr_t)image->ImageBase;
    return (struct eb_audit_range){base, image->ImageSize, EB_AUDIT_LOADER, 0, 0};
}

struct eb_module_input uefi_audit_record(void)
{
    struct eb_boot_input map;
    range_count = 0;
    ranges[range_count++] = loader_image();
    uefi_memmap_before_load(&map);
    range_count = eb_audit_firmware_ranges(map.memmap, map.memmap_count, 0, ranges,
                                           range_count, MAX_RANGES, &left_out);
    uefi_bs->FreePool((void *)map.memmap);

    /* Allocated before the snapshot: the firmware's bookkeeping for it happens first.
     * Sized for the text after the exit; a NUL ends the text. */
    size_t room = eb_audit_text_room(ranges, range_count, left_out);
    EFI_PHYSICAL_ADDRESS phys = 0;
    EFI_STATUS status = uefi_bs->AllocatePages(
        AllocateAnyPages, (EFI_MEMORY_TYPE)EB_UEFI_TYPE(ELFBOOT_MEM_MODULES),
        EB_ALIGN_UP(room, EB_PAGE_SIZE) / EB_PAGE_SIZE, &phys);
    if (EFI_ERROR(status))
        uefi_fatal("audit: no memory for its %u-byte module: %s", (unsigned)room,
                   uefi_status_text(status));
    eb_audit_checksum(ranges, range_count, read_phys, NULL);
    memset((void *)(uintptr_t)phys, 0, room);
    module = (struct eb_module_input){phys, room - 1, EB_AUDIT_MODULE_NAME};
    uefi_log("audit: %u ranges recorded (module %s at 0x%llx)", (unsigned)range_count,
             EB_AUDIT_MODULE_NAME, (unsigned long long)phys);
    return module;
}

void uefi_audit_exit_begin(void)
{
    if (!module.phys)
        return;
    size_t changed = eb_audit_exit_begin(ranges, range_count, read_phys, NULL);
    if (changed)
        uefi_log("audit: %u firmware ranges changed while loading", (unsigned)changed);
}

void uefi_audit_exit_end(void)
{
    if (!module.phys)
        return;
    size_t changed = eb_audit_exit_end(ranges, range_count, read_phys, NULL);
    eb_audit_text(ranges, range_count, left_out, (char *)(uintptr_t)module.phys,
                  module.size + 1);
    uefi_log("audit: ExitBootServices changed %u firmware ranges", (unsigned)changed);
}
