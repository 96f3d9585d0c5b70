/* request.S: an elfboot request (include/elfboot.h, struct elfboot_request) for the tiny
 * kernel, so that `elfboot check` shows the display fields: linked with tiny.o. FLAGS,
 * FB_WIDTH and FB_HEIGHT come from the build (-D); 0 when not given. */
#ifndef FLAGS
#define FLAGS 0
#endif
#ifndef FB_WIDTH
#define FB_WIDTH 0
#endif
#ifndef FB_HEIGHT
#define FB_HEIGHT 0
#endif
    .section .rodata, "a"
    .balign 8                      /* the loader looks for it at 8-byte aligned addresses */
    .quad 0x00544f4f42464c45       /* ELFBOOT_REQUEST_MAGIC0 ("ELFBOOT\0") */
    .quad 0xd1f3a0c5b7e29468       /* ELFBOOT_REQUEST_MAGIC1 */
    .long 1                        /* version */
    .long FLAGS                    /* ELFBOOT_REQ_* */
    .quad 0                        /* stack_size: the default */
    .quad 0                        /* hhdm_base: the default */
    .long FB_WIDTH                 /* fb_width */
    .long FB_HEIGHT                /* fb_height */
    .quad 0, 0, 0, 0               /* reserved */

    .section .note.GNU-stack, "", @progbits
