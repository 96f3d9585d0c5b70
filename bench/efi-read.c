/* efi-read.c: the raw-read floor for UEFI loads. A BOOTX64.EFI that reads one file from
 * its own volume the way elfboot's loader does (EFI_LOADED_IMAGE -> DeviceHandle ->
 * EFI_SIMPLE_FILE_SYSTEM_PROTOCOL: UEFI 2.10, 9.1 and 13.4), into pages of its own, in
 * one Read call, and does nothing else; then it ends the run (0x10, or 0x11 when a step
 * fails). run.sh puts it in place of elfboot's BOOTX64.EFI in a copy of the image that
 * holds the bench module under the name below. */
#include <efi.h>

#include "efi-exit.h"

static CHAR16 module_path[] = L"\\boot\\modules\\module.bin";

static void check(EFI_STATUS status)
{
    if (EFI_ERROR(status))
        bench_exit(BENCH_EXIT_FAIL);
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
    EFI_BOOT_SERVICES *bs = st->BootServices;
    EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
    EFI_GUID file_system_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
    EFI_GUID file_info_guid = EFI_FILE_INFO_ID;
    EFI_LOADED_IMAGE *loaded;
    EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
    EFI_FILE_HANDLE root, file;

    check(bs->HandleProtocol(image, &loaded_image_guid, (void **)&loaded));
    check(bs->HandleProtocol(loaded->DeviceHandle, &file_system_guid, (void **)&fs));
    check(fs->OpenVolume(fs, &root));
    check(root->Open(root, &file, module_path, EFI_FILE_MODE_READ, 0));

    union {
        EFI_FILE_INFO info;
        uint8_t bytes[sizeof(EFI_FILE_INFO) + 256 * sizeof(CHAR16)];
    } info;
    UINTN info_size = sizeof(info);
    check(file->GetInfo(file, &file_info_guid, &info_size, &info));

    UINTN size = info.info.FileSize;
    EFI_PHYSICAL_ADDRESS buffer = 0;
    check(bs->AllocatePages(AllocateAnyPages, EfiLoaderData, (size + 4095) / 4096, &buffer));
    check(file->Read(file, &size, (void *)(uintptr_t)buffer));
    if (size != info.info.FileSize)
        bench_exit(BENCH_EXIT_FAIL); /* a short read: the floor would be too low */
    bench_exit(BENCH_EXIT_OK);
}
