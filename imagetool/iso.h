/* iso.h: `elfboot build --iso`: a hybrid ISO 9660 image written with xorriso. */
#ifndef TOOL_ISO_H
#define TOOL_ISO_H

#include "inputs.h"

int iso_write(const struct image_spec *spec, const char *output);

#endif /* TOOL_ISO_H */
