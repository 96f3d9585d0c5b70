/* cdboot.S: the head of the El Torito boot image (cdboot.bin = this, stage 2, a
 * trailer). In no-emulation mode the BIOS loads the whole image at 0x7c00 (El Torito
 * 1.0, 2.0 and 5.3: load segment 0 means 0x7c0, the sector count is ours) and jumps to
 * it with DL = the CD's drive number. This head is 1 KiB, so stage 2 lands exactly at
 * STAGE2_ADDR, where it is linked; a trailer word after stage 2 proves the BIOS loaded
 * all of it. On failure it prints "E4" and halts.
 */
#include "layout.h"

#define TRAILER_ADDR (STAGE2_ADDR + STAGE2_BYTES) /* STAGE2_BYTES: from the build */
#define TRAILER 0x42464c45                        /* "ELFB", written by bios/build.mk */

        .code16                         /* the BIOS enters in real mode */
        .section .text
        .globl  _start
_start:
        cli                             /* no interrupts while the stack moves */
        xorw    %ax, %ax                /* segment 0 everywhere: addresses are flat */
        movw    %ax, %ds                /* data from segment 0 */
        movw    %ax, %ss                /* stack in segment 0 ... */
        movw    $STAGE1_ADDR, %sp       /* ... growing down from below this code */
        sti                             /* BIOS output below needs its interrupts */
        cld                             /* string ops count up */
        ljmp    $0, $1f                 /* some BIOSes enter at 07c0:0000: force CS = 0 */
1:
        movw    $(TRAILER_ADDR >> 4), %ax    /* the trailer may lie above 64 KiB: */
        movw    %ax, %es                /*   reach it through ES */
        cmpl    $TRAILER, %es:(TRAILER_ADDR & 15)  /* is the end of the image there? */
        jne     short_load              /* no: the BIOS loaded less than all of it */
        ljmp    $0, $STAGE2_ADDR        /* enter stage 2 with DL as the BIOS set it */

short_load:
        movw    $'4', %ax               /* code E4: the boot image came in short */
#include "errcode16.inc"

        .org    STAGE2_ADDR - STAGE1_ADDR   /* 1 KiB: stage 2 follows at STAGE2_ADDR */
