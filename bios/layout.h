/* layout.h: where the BIOS loader keeps things in conventional memory.
 * Plain #defines: included by assembly, C and the linker scripts alike.
 *
 *   0x00000 - 0x004ff  real-mode IVT and BIOS data area (the firmware's)
 *   0x00500 - 0x07bff  real-mode stack (stage 1, then every BIOS call stage 2 makes)
 *   0x01000 - 0x7ffff  all of the above from page 1 on: the loader's own memory, claimed
 *                      as LOADER_RECLAIMABLE (memory.c) and listed by `audit = on`
 *   0x07c00 - 0x07dff  stage 1 (the MBR)
 *   0x08000 - 0x3ffff  stage 2 as stage 1 loads it, then its .bss (32-bit stack inside)
 *   0x40000 - 0x6ffff  the 64-bit part, copied here from stage 2's image, and its .bss
 *   0x70000 - 0x7ffff  the disk bounce buffer (64 KiB aligned: no DMA boundary inside)
 *   0x80000 -          left to the firmware (the EBDA may start this low)
 */
#ifndef BIOS_LAYOUT_H
#define BIOS_LAYOUT_H

#define STAGE1_ADDR 0x7c00
#define STAGE1_CODE_SIZE 428                     /* docs/image-layout.md */
#define STAGE2_LBA_FIELD (STAGE1_ADDR + 428)     /* u64, patched by elfboot build */
#define STAGE2_SECTORS_FIELD (STAGE1_ADDR + 436) /* u16, patched by elfboot build */
#define STAGE1_CHUNK 64                          /* sectors per read: 32 KiB */

#define RM_STACK_TOP STAGE1_ADDR
#define STAGE2_ADDR 0x8000
#define LONG64_ADDR 0x40000
#define BOUNCE_ADDR 0x70000
#define BOUNCE_SIZE 0x10000
#define LOW_MEMORY_START 0x1000 /* page 0 (IVT, BDA) stays the firmware's */
#define LOW_MEMORY_END 0x80000

/* Stage 2's image must end below the 64-bit part's home. */
#define STAGE2_MAX_SECTORS ((LONG64_ADDR - STAGE2_ADDR) / 512)

/* GDT selectors (entry16.S builds the table). */
#define SEL_CODE32 0x08
#define SEL_DATA32 0x10
#define SEL_CODE16 0x18
#define SEL_DATA16 0x20
#define SEL_CODE64 0x28

#endif /* BIOS_LAYOUT_H */
