/* stage1.S: the MBR boot code (bytes 0..427 of sector 0; docs/image-layout.md).
 *
 * The BIOS loads sector 0 at 0x7c00 and jumps to it in real mode with DL = boot drive.
 * We check for the INT 13h extensions, read stage2_sectors sectors from stage2_lba to
 * STAGE2_ADDR with AH=42h reads, and far-jump to stage 2 with DL unchanged.
 * Failures print a two-letter code and halt:
 *   E1  no INT 13h extensions (AH=41h failed)
 *   E2  a read failed (AH=42h)
 *   E3  stage2_sectors is 0 or larger than the room below the bounce buffer
 */
#include "layout.h"

        .code16                         /* the BIOS enters in real mode */
        .section .text
        .globl  _start
_start:
        cli                             /* no interrupts while the stack moves */
        xorw    %ax, %ax                /* segment 0 everywhere: addresses are flat */
        movw    %ax, %ds                /* data from segment 0 */
        movw    %ax, %es                /* ES:DI users (none yet) see segment 0 too */
        movw    %ax, %ss                /* stack in segment 0 ... */
        movw    $STAGE1_ADDR, %sp       /* ... growing down from below this code */
        sti                             /* the disk BIOS may need timer interrupts */
        cld                             /* string ops count up */
        ljmp    $0, $1f                 /* some BIOSes enter at 07c0:0000: force CS = 0 */
1:
        movb    %dl, boot_drive         /* the BIOS passes the boot drive in DL */

        /* INT 13h AH=41h: are the extensions there? (EDD 3.0, 7.1) */
        movb    $0x41, %ah              /* function: installation check */
        movw    $0x55aa, %bx            /* magic the BIOS must swap */
        int     $0x13                   /* ask the disk BIOS */
        jc      no_extensions           /* CF set: not installed */
        cmpw    $0xaa55, %bx            /* swapped magic confirms it */
        jne     no_extensions           /* anything else: not trustworthy */
        testb   $1, %cl                 /* CX bit 0: the packet calls (AH=42h) exist */
        jz      no_extensions           /* without them we cannot read by LBA */

        /* How much to read, and is it sane? */
        movw    STAGE2_SECTORS_FIELD, %cx  /* sectors left to read (patched by the tool) */
        jcxz    bad_size                /* zero: the image was not patched */
        cmpw    $STAGE2_MAX_SECTORS, %cx   /* more would overwrite the bounce buffer */
        ja      bad_size                /* refuse rather than corrupt memory */

        /* The disk address packet lives in this sector, which we own now. */
        movl    STAGE2_LBA_FIELD, %eax      /* low 32 bits of the first LBA */
        movl    %eax, dap_lba           /* into the packet */
        movl    STAGE2_LBA_FIELD+4, %eax    /* high 32 bits */
        movl    %eax, dap_lba+4         /* into the packet */
        movw    $(STAGE2_ADDR >> 4), dap_segment  /* first chunk goes to STAGE2_ADDR */

read_chunk:
        movw    $STAGE1_CHUNK, %ax      /* a chunk is 32 KiB at a 32 KiB boundary, */
        cmpw    %ax, %cx                /*   so it never crosses a 64 KiB boundary */
        jae     2f                      /* a full chunk left: read it */
        movw    %cx, %ax                /* else read what remains */
2:
        movw    %ax, dap_count          /* sectors this call */
        movw    $dap, %si               /* DS:SI = the packet (reloaded: BIOSes differ) */
        movb    $0x42, %ah              /* function: extended read */
        movb    boot_drive, %dl         /* from the boot drive */
        pushw   %cx                     /* the BIOS may clobber CX */
        int     $0x13                   /* read into dap_segment:0 */
        popw    %cx                     /* restore the count left */
        jc      read_error              /* CF set: the read failed */
        movzwl  dap_count, %eax         /* sectors just read, zero-extended for the add */
        subw    %ax, %cx                /* fewer left */
        jz      done                    /* all of stage 2 is in memory */
        addl    %eax, dap_lba           /* next LBA, low 32 bits */
        adcl    $0, dap_lba+4           /* carry into the high 32 bits */
        shlw    $5, %ax                 /* sectors * 512 / 16 = paragraphs */
        addw    %ax, dap_segment        /* next destination segment */
        jmp     read_chunk              /* and read on */

done:
        movb    boot_drive, %dl         /* stage 2 expects the drive in DL */
        ljmp    $0, $STAGE2_ADDR        /* enter stage 2 (CS = 0, IP = its address) */

no_extensions:
        movw    $'1', %ax               /* code E1 */
        jmp     fail                    /* print it and stop */
read_error:
        movw    $'2', %ax               /* code E2 */
        jmp     fail                    /* print it and stop */
bad_size:
        movw    $'3', %ax               /* code E3 */
#include "errcode16.inc"

/* Disk address packet (EDD 3.0, 7.2): 16 bytes, buffer as segment:offset. */
        .balign 4                       /* the LBA fields are 32-bit accessed */
dap:
        .byte   16                      /* packet size */
        .byte   0                       /* reserved */
dap_count:
        .word   0                       /* sectors to transfer */
        .word   0                       /* buffer offset: always 0 */
dap_segment:
        .word   0                       /* buffer segment */
dap_lba:
        .quad   0                       /* first LBA */
boot_drive:
        .byte   0                       /* DL as the BIOS gave it */

        .org    STAGE1_CODE_SIZE        /* the build fails here if the code grew too big */
