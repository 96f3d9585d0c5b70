/* conformance-low.elf: a lower-half kernel at physical = virtual 2 MiB; its segments'
 * mappings must win over the identity map there. */
#include "conformance.h"

ELFBOOT_REQUEST(request) = {
    .magic = { ELFBOOT_REQUEST_MAGIC0, ELFBOOT_REQUEST_MAGIC1 },
    .version = 1,
};

const struct variant variant = {
    .name = "conformance-low",
    .link_base = 0x200000,
};
