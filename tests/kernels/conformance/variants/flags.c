/* conformance-flags.elf: no identity map, a recursive PML4 entry, the HHDM elsewhere,
 * a 256 KiB stack, a framebuffer of 1024x768 (the boot tests' fb= says which mode wins:
 * this one, or the config's resolution). */
#include "conformance.h"

ELFBOOT_REQUEST(request) = {
    .magic = { ELFBOOT_REQUEST_MAGIC0, ELFBOOT_REQUEST_MAGIC1 },
    .version = 1,
    .flags = ELFBOOT_REQ_NO_IDENTITY_MAP | ELFBOOT_REQ_RECURSIVE_MAP,
    .stack_size = 256 * 1024,
    .hhdm_base = 0xffffa00000000000ull,
    .fb_width = 1024,
    .fb_height = 768,
};

const struct variant variant = {
    .name = "conformance-flags",
    .link_base = 0xffffffff80000000ull,
};
