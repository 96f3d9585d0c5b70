/* memory.c: the firmware's memory map, before loading and at the exit from boot
 * services (UEFI 2.10, 7.2.3 GetMemoryMap and 7.4.6 ExitBootServices). */
#include "memmap.h"
#include "uefi.h"
#include "util.h"

/* How many tries ExitBootServices gets: the map key only goes stale when an event
 * allocates between the two calls, which does not happen many times in a row. */
#define EXIT_TRIES 8

/* Size of the map right now, in bytes, and of one descriptor. */
static UINTN map_size_now(UINTN *desc_size)
{
    UINTN size = 0, key;
    UINT32 version;
    EFI_STATUS status = uefi_bs->GetMemoryMap(&size, NULL, &key, desc_size, &version);
    if (status != EFI_BUFFER_TOO_SMALL)
        uefi_fatal("cannot read the memory map: %s", uefi_status_text(status));
    return size;
}

void uefi_memmap_before_load(struct eb_boot_input *in)
{
    UINTN desc_size, key, size;
    UINT32 version;
    void *buf;
    EFI_STATUS status;
    do {
        /* The pool allocation below may itself split a map entry: leave room. */
        UINTN capacity = map_size_now(&desc_size) + 8 * desc_size;
        if (EFI_ERROR(uefi_bs->AllocatePool(EfiLoaderData, capacity, &buf)))
            uefi_fatal("out of memory reading the memory map");
        size = capacity;
        status = uefi_bs->GetMemoryMap(&size, buf, &key, &desc_size, &version);
        if (EFI_ERROR(status))
            uefi_bs->FreePool(buf);
    } while (status == EFI_BUFFER_TOO_SMALL);
    if (EFI_ERROR(status))
        uefi_fatal("cannot read the memory map: %s", uefi_status_text(status));
    in->memmap = buf;
    in->memmap_count = (uint32_t)eb_memmap_from_uefi(buf, size, desc_size);
}

uint32_t uefi_exit_boot_services(struct elfboot_memmap_entry **map)
{
    UINTN desc_size, key, size = 0;
    UINT32 version;
    EFI_STATUS status;

    /* No allocation is allowed between GetMemoryMap and ExitBootServices, nor after a
     * failed ExitBootServices: take the buffer now, with room for the entries that this
     * allocation and the firmware's last events may still add. */
    UINTN capacity = 2 * map_size_now(&desc_size) + 32 * desc_size;
    EFI_PHYSICAL_ADDRESS buf = 0;
    status = uefi_bs->AllocatePages(AllocateAnyPages, EfiLoaderData,
                                    EB_ALIGN_UP(capacity, EB_PAGE_SIZE) / EB_PAGE_SIZE, &buf);
    if (EFI_ERROR(status))
        uefi_fatal("out of memory for the final memory map: %s", uefi_status_text(status));
    uefi_log("leaving boot services (from here on, messages go to COM1 only)");
    uefi_audit_exit_begin(); /* from here to the exit, only firmware code writes */

    int tries;
    for (tries = 1;; tries++) {
        size = capacity;
        status = uefi_bs->GetMemoryMap(&size, (void *)(uintptr_t)buf, &key, &desc_size,
                                       &version);
        if (EFI_ERROR(status))
            uefi_fatal("cannot read the final memory map: %s", uefi_status_text(status));
        status = uefi_bs->ExitBootServices(uefi_image, key);
        if (!EFI_ERROR(status))
            break;
        /* Even a failed call may have shut the console down (UEFI 2.10, 7.4.6). */
        uefi_log_firmware_gone();
        if (status != EFI_INVALID_PARAMETER || tries == EXIT_TRIES)
            uefi_fatal("ExitBootServices failed after %d tries: %s", tries,
                       uefi_status_text(status));
    }
    uefi_log_firmware_gone();
    /* The firmware's IDT and timer handlers are no longer ours to run. */
    __asm__ volatile("cli");
    uefi_audit_exit_end();

    *map = (struct elfboot_memmap_entry *)(uintptr_t)buf;
    uint32_t count = (uint32_t)eb_memmap_from_uefi((void *)(uintptr_t)buf, size, desc_size);
    uefi_log("boot services left after %d tr%s; %u firmware memory map entries", tries,
             tries == 1 ? "y" : "ies", count);
    return count;
}
