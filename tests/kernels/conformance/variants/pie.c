/* conformance-pie.elf: ET_DYN linked at 0; without KASLR the loader must slide it to
 * 0xffffffff80000000. */
#include "conformance.h"

ELFBOOT_REQUEST(request) = {
    .magic = { ELFBOOT_REQUEST_MAGIC0, ELFBOOT_REQUEST_MAGIC1 },
    .version = 1,
};

const struct variant variant = {
    .name = "conformance-pie",
    .relocatable = true,
    .link_base = 0,
};
