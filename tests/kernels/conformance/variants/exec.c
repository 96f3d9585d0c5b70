/* conformance.elf: higher-half ET_EXEC, a request carrying only the version, so every
 * default of the protocol applies. */
#include "conformance.h"

ELFBOOT_REQUEST(request) = {
    .magic = { ELFBOOT_REQUEST_MAGIC0, ELFBOOT_REQUEST_MAGIC1 },
    .version = 1,
};

const struct variant variant = {
    .name = "conformance",
    .link_base = 0xffffffff80000000ull,
};
