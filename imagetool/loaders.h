/* loaders.h: the loaders embedded in the tool (loaders.S), so that `elfboot` is one file
 * to install. A loader that did not exist when the tool was built has size 0. */
#ifndef TOOL_LOADERS_H
#define TOOL_LOADERS_H

#include <stdint.h>

#include "layout.h"

extern const uint8_t loader_uefi_data[], loader_stage1_data[], loader_stage2_data[];
extern const uint64_t loader_uefi_size, loader_stage1_size, loader_stage2_size;
/* The BIOS's El Torito boot image for --iso (optional): loaded whole at 0x7C00 from a CD. */
extern const uint8_t loader_cdboot_data[];
extern const uint64_t loader_cdboot_size;

/* Stage 1 fills MBR bytes 0..427 (docs/image-layout.md). */
#define STAGE1_MAX_BYTES 428u

/* Fails, saying which loader this build of the tool lacks, when `kind` needs it. */
int loaders_check(enum image_kind kind);

#endif /* TOOL_LOADERS_H */
