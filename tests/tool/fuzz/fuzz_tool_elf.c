/* fuzz_tool_elf.c: any bytes as a kernel for `elfboot check`: the core's checks, then
 * the tool's libelf scan (sections, symbols) of what the core accepted. */
#include <stdlib.h>
#include <string.h>

#include "elfscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy of exactly `size` bytes, 8-byte aligned as a file read into memory is. */
    uint8_t *file = malloc(size ? size : 1);
    memcpy(file, data, size);
    struct eb_kernel k;
    struct eb_error err;
    if (eb_kernel_inspect(file, size, &k, &err) == EB_OK) {
        struct elf_facts facts;
        struct strvec warnings = {0};
        int n = elf_scan(&k, &facts, &warnings);
        if (n < 0 || (size_t)n != warnings.n || facts.loaded_bytes > size * k.segment_count)
            abort();
        strvec_free(&warnings);
    }
    free(file);
    return 0;
}
