/* conformance-kaslr.elf: the PIE asking for a random 2 MiB aligned slide. */
#include "conformance.h"

ELFBOOT_REQUEST(request) = {
    .magic = { ELFBOOT_REQUEST_MAGIC0, ELFBOOT_REQUEST_MAGIC1 },
    .version = 1,
    .flags = ELFBOOT_REQ_KASLR,
};

const struct variant variant = {
    .name = "conformance-kaslr",
    .relocatable = true,
    .link_base = 0,
};
