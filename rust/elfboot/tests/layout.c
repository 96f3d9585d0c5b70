/* layout.c: prints the layout of include/elfboot.h for the crate's layout test
 * (tests/layout.rs), one fact a line:
 *   size STRUCT BYTES
 *   field STRUCT.FIELD OFFSET BYTES
 *   const NAME VALUE
 * Built and run by that test with the host C compiler ($CC, default cc). */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>

#include "elfboot.h"

#define SIZE(s) printf("size %s %zu\n", #s, sizeof(struct s))
#define FIELD(s, f) \
    printf("field %s.%s %zu %zu\n", #s, #f, offsetof(struct s, f), sizeof(((struct s *)0)->f))
#define CONST(name) printf("const %s %" PRIu64 "\n", #name, (uint64_t)(name))

int main(void)
{
    SIZE(elfboot_request);
    FIELD(elfboot_request, magic);
    FIELD(elfboot_request, version);
    FIELD(elfboot_request, flags);
    FIELD(elfboot_request, stack_size);
    FIELD(elfboot_request, hhdm_base);
    FIELD(elfboot_request, fb_width);
    FIELD(elfboot_request, fb_height);
    FIELD(elfboot_request, reserved);

    SIZE(elfboot_memmap_entry);
    FIELD(elfboot_memmap_entry, base);
    FIELD(elfboot_memmap_entry, length);
    FIELD(elfboot_memmap_entry, type);
    FIELD(elfboot_memmap_entry, reserved);

    SIZE(elfboot_framebuffer);
    FIELD(elfboot_framebuffer, phys);
    FIELD(elfboot_framebuffer, virt);
    FIELD(elfboot_framebuffer, width);
    FIELD(elfboot_framebuffer, height);
    FIELD(elfboot_framebuffer, pitch);
    FIELD(elfboot_framebuffer, bpp);
    FIELD(elfboot_framebuffer, red_size);
    FIELD(elfboot_framebuffer, red_shift);
    FIELD(elfboot_framebuffer, green_size);
    FIELD(elfboot_framebuffer, green_shift);
    FIELD(elfboot_framebuffer, blue_size);
    FIELD(elfboot_framebuffer, blue_shift);
    FIELD(elfboot_framebuffer, reserved);

    SIZE(elfboot_module);
    FIELD(elfboot_module, phys);
    FIELD(elfboot_module, virt);
    FIELD(elfboot_module, size);
    FIELD(elfboot_module, name);

    SIZE(elfboot_tls);
    FIELD(elfboot_tls, start);
    FIELD(elfboot_tls, file_size);
    FIELD(elfboot_tls, mem_size);
    FIELD(elfboot_tls, align);

    SIZE(elfboot_info);
    FIELD(elfboot_info, magic);
    FIELD(elfboot_info, version);
    FIELD(elfboot_info, size);
    FIELD(elfboot_info, firmware);
    FIELD(elfboot_info, flags);
    FIELD(elfboot_info, hhdm_base);
    FIELD(elfboot_info, memmap);
    FIELD(elfboot_info, memmap_count);
    FIELD(elfboot_info, framebuffer);
    FIELD(elfboot_info, rsdp);
    FIELD(elfboot_info, smbios);
    FIELD(elfboot_info, efi_system_table);
    FIELD(elfboot_info, cmdline);
    FIELD(elfboot_info, modules);
    FIELD(elfboot_info, module_count);
    FIELD(elfboot_info, kernel_phys);
    FIELD(elfboot_info, kernel_virt);
    FIELD(elfboot_info, kernel_size);
    FIELD(elfboot_info, kernel_slide);
    FIELD(elfboot_info, stack_top);
    FIELD(elfboot_info, stack_size);
    FIELD(elfboot_info, tls);
    FIELD(elfboot_info, recursive_index);
    FIELD(elfboot_info, boot_time);
    FIELD(elfboot_info, loader_name);

    CONST(ELFBOOT_PROTOCOL_VERSION);
    CONST(ELFBOOT_REQUEST_MAGIC0);
    CONST(ELFBOOT_REQUEST_MAGIC1);
    CONST(ELFBOOT_REQ_NO_IDENTITY_MAP);
    CONST(ELFBOOT_REQ_RECURSIVE_MAP);
    CONST(ELFBOOT_REQ_KASLR);
    CONST(ELFBOOT_REQ_NO_FRAMEBUFFER);
    CONST(ELFBOOT_INFO_MAGIC);
    CONST(ELFBOOT_MEM_USABLE);
    CONST(ELFBOOT_MEM_RESERVED);
    CONST(ELFBOOT_MEM_ACPI_RECLAIMABLE);
    CONST(ELFBOOT_MEM_ACPI_NVS);
    CONST(ELFBOOT_MEM_BAD);
    CONST(ELFBOOT_MEM_LOADER_RECLAIMABLE);
    CONST(ELFBOOT_MEM_KERNEL);
    CONST(ELFBOOT_MEM_MODULES);
    CONST(ELFBOOT_MEM_FRAMEBUFFER);
    CONST(ELFBOOT_MEM_FIRMWARE_RUNTIME);
    CONST(ELFBOOT_FIRMWARE_BIOS);
    CONST(ELFBOOT_FIRMWARE_UEFI);
    CONST(ELFBOOT_INFO_IDENTITY_MAP);
    CONST(ELFBOOT_INFO_RECURSIVE);
    CONST(ELFBOOT_INFO_RELOCATED);
    CONST(ELFBOOT_INFO_KASLR);
    return 0;
}
