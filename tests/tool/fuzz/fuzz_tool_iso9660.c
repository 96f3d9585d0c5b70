/* fuzz_tool_iso9660.c: any bytes as an ISO image for the path lookup --iso uses. */
#include "iso9660.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Memory safety is the property: every record read must lie inside the image (the
     * file it names may not; iso.c checks the size it expects). */
    uint32_t sector, bytes;
    (void)iso9660_find(data, size, "ELFBOOT/STAGE2.BIN", &sector, &bytes);
    (void)iso9660_find(data, size, "A/B/C/D/E", &sector, &bytes);
    return 0;
}
