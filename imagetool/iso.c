/* iso.c: `elfboot build --iso` (not written yet). */
#include "iso.h"

int iso_write(const struct image_spec *spec, const char *output)
{
    (void)spec, (void)output;
    return fail("--iso is not available yet");
}
