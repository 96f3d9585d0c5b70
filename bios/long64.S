/* long64.S: the 64-bit part's flat binary inside stage 2 (longmode.c copies it to
 * LONG64_ADDR, the address it is linked at). */
        .section .rodata.long64, "a"
        .balign 16
        .globl  long64_image, long64_image_end
long64_image:
        .incbin LONG64_BIN              /* build/bios/long64.bin */
long64_image_end:
