/* efi-exit.c: the OVMF floor. A BOOTX64.EFI that ends the run as soon as the firmware
 * starts it (after gnu-efi's crt0 has applied its relocations), so that a boot of it
 * costs the firmware and nothing else. run.sh puts it in place of elfboot's
 * BOOTX64.EFI in a copy of the bench image. */
#include <efi.h>

#include "efi-exit.h"

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
    (void)image;
    (void)st;
    bench_exit(BENCH_EXIT_OK);
}
