/* entry16.S: stage 2's first instructions, in real mode, then protected mode and C.
 *
 * Stage 1 jumps here (0000:STAGE2_ADDR) with DL = boot drive. We set up segments and a
 * stack, enable A20 (every usual method, each verified by the wrap-around test), load
 * our GDT, enter 32-bit protected mode, clear .bss and call stage2_main(drive).
 * Everything here stays below 64 KiB: real-mode code runs with CS = 0.
 */
#include "layout.h"

        .code16                         /* stage 1 left us in real mode */
        .section .text16, "ax"
        .globl  _start
_start:
        cli                             /* no interrupts while segments change */
        xorw    %ax, %ax                /* flat real mode: every segment 0 */
        movw    %ax, %ds                /* data */
        movw    %ax, %es                /* string destinations */
        movw    %ax, %ss                /* stack */
        movl    $RM_STACK_TOP, %esp     /* real-mode stack below stage 1 (high half 0) */
        sti                             /* BIOS services need their interrupts */
        cld                             /* string ops count up */
        movb    %dl, boot_drive         /* keep the drive number for C */

        call    enable_a20              /* returns only when A20 is on */

        cli                             /* protected mode has no IDT of ours */
        lgdtl   gdt_descriptor          /* our flat code and data segments */
        movl    %cr0, %eax              /* current control bits */
        orb     $1, %al                 /* CR0.PE: protection on */
        movl    %eax, %cr0              /* now in 16-bit protected mode ... */
        ljmpl   $SEL_CODE32, $pm_start  /* ... until this far jump loads a 32-bit CS */

/* ---- A20 ---------------------------------------------------------------------- */

/* a20_on: ZF clear when A20 is enabled. Writes 0000:0500 and reads FFFF:0510, the same
 * byte if addresses wrap at 1 MiB, and restores both bytes. */
a20_on:
        pushw   %ds                     /* callers keep their segments */
        pushw   %es                     /* the caller's ES too */
        xorw    %ax, %ax                /* DS = 0 */
        movw    %ax, %ds                /* likewise */
        notw    %ax                     /* ES = 0xffff: ES:0x510 is 0x100500 */
        movw    %ax, %es                /* likewise */
        movb    %ds:0x500, %bl          /* save the low byte */
        movb    %es:0x510, %bh          /* save the high byte (or the same one) */
        movb    $0x00, %ds:0x500        /* one value low ... */
        movb    $0xff, %es:0x510        /* ... another high */
        cmpb    $0xff, %ds:0x500        /* did the high write land low? */
        movb    %bh, %es:0x510          /* restore in the reverse order */
        movb    %bl, %ds:0x500          /* likewise */
        popw    %es                     /* likewise */
        popw    %ds                     /* likewise */
        je      1f                      /* equal: wrapped, A20 is off */
        orb     $1, %al                 /* ZF clear: on (AL is 0xff here, non-zero) */
        ret                             /* back with ZF clear */
1:      xorb    %al, %al                /* ZF set: off */
        ret                             /* back with ZF set */

/* a20_wait_on: ZF clear when A20 turns on within a while (the keyboard controller
 * takes time to act). */
a20_wait_on:
        movw    $0x1000, %cx            /* bounded: some chipsets never do it */
1:      pushw   %cx                     /* a20_on clobbers CX */
        call    a20_on                  /* test */
        popw    %cx                     /* the count again */
        jnz     2f                      /* on: done */
        loop    1b                      /* try again */
2:      ret                             /* ZF tells the caller */

enable_a20:
        call    a20_on                  /* many BIOSes leave it on already */
        jnz     a20_done                /* on: done */

        movw    $0x2401, %ax            /* INT 15h AX=2401h: BIOS, enable A20 */
        int     $0x15                   /* (ignore CF: the test below decides) */
        call    a20_on                  /* did the BIOS do it? */
        jnz     a20_done                /* on: done */

        call    kbc_wait                /* 8042: wait for its input buffer to drain */
        movb    $0xd1, %al              /* command: write output port */
        outb    %al, $0x64              /* to the 8042 command port */
        call    kbc_wait                /* until it took the command */
        movb    $0xdf, %al              /* output port value with the A20 gate bit set */
        outb    %al, $0x60              /* to the 8042 data port */
        call    kbc_wait                /* until it took the value */
        call    a20_wait_on             /* the gate takes a while to switch */
        jnz     a20_done                /* on: done */

        inb     $0x92, %al              /* "fast A20": system control port A */
        orb     $0x02, %al              /* bit 1: A20 */
        andb    $0xfe, %al              /* bit 0 would reset the machine */
        outb    %al, $0x92              /* write it back */
        call    a20_wait_on             /* give the chipset a moment */
        jnz     a20_done                /* on: done */

        movw    $a20_message, %si       /* nothing worked: say so and stop */
        jmp     rm_fail                 /* print it on screen and COM1, halt */
a20_done:
        ret                             /* A20 is on */

/* kbc_wait: waits (bounded) until the 8042 can take a byte. */
kbc_wait:
        movw    $0xffff, %cx            /* bounded: without an 8042 the port reads 0xff */
1:      inb     $0x64, %al              /* status register */
        testb   $0x02, %al              /* bit 1: input buffer full */
        jz      2f                      /* empty: ready */
        loop    1b                      /* poll again, at most 65535 times */
2:      ret                             /* ready, or given up */

/* rm_fail: prints the NUL-terminated string at DS:SI on the screen and COM1, halts. */
rm_fail:
        lodsb                           /* next character */
        testb   %al, %al                /* end of string? */
        jz      3f                      /* NUL: done printing */
        movw    $0x3f8, %dx             /* COM1 data port */
        outb    %al, %dx                /* QEMU's UART needs no set-up for output */
        movb    $0x0e, %ah              /* INT 10h teletype */
        movw    $0x0007, %bx            /* page 0, grey */
        int     $0x10                   /* teletype output */
        jmp     rm_fail                 /* next character */
3:      cli                             /* stop for good */
        hlt                             /* until an NMI */
        jmp     3b                      /* NMIs return here */

a20_message:
        .asciz  "elfboot: cannot enable the A20 line (BIOS, keyboard controller and port 0x92 all failed)\r\n"

/* ---- 32-bit start ---------------------------------------------------------------- */

        .code32
pm_start:
        movw    $SEL_DATA32, %ax        /* flat 4 GiB data segments */
        movw    %ax, %ds                /* likewise */
        movw    %ax, %es                /* likewise */
        movw    %ax, %fs                /* likewise */
        movw    %ax, %gs                /* likewise */
        movw    %ax, %ss                /* likewise */
        movl    $stack32_top, %esp      /* the C stack, in .bss */
        movl    $__bss_start, %edi      /* .bss must read as zero for C */
        movl    $_end, %ecx             /* end of .bss */
        subl    %edi, %ecx              /* its size in bytes ... */
        shrl    $2, %ecx                /* ... in dwords (the linker script aligns it) */
        xorl    %eax, %eax              /* fill value */
        rep stosl                       /* clear it */
        movzbl  boot_drive, %eax        /* the BIOS drive number ... */
        pushl   %eax                    /* ... is stage2_main's argument */
        call    stage2_main             /* never returns */
1:      cli                             /* but if it did: stop */
        hlt                             /* until an NMI */
        jmp     1b                      /* and halt again */

/* ---- data shared with the real-mode thunk (below 64 KiB) ---------------------- */

        .section .data16, "aw"
        .globl  boot_drive
boot_drive:
        .byte   0

        .section .text16, "ax"
/* GDT: flat 32-bit code/data, 16-bit code/data with 64 KiB limits for the way back to
 * real mode (Intel SDM vol. 3, 9.9.2), and 64-bit code for long mode. The accessed bits
 * are preset: the CPU would otherwise write them into this code page. */
        .balign 8
        .globl  gdt
gdt:
        .quad   0                       /* 0x00: null */
        .quad   0x00cf9b000000ffff      /* 0x08: code, 32-bit, 4 GiB, ring 0 */
        .quad   0x00cf93000000ffff      /* 0x10: data, 32-bit, 4 GiB */
        .quad   0x00009b000000ffff      /* 0x18: code, 16-bit, 64 KiB */
        .quad   0x000093000000ffff      /* 0x20: data, 16-bit, 64 KiB */
        .quad   0x00af9b000000ffff      /* 0x28: code, 64-bit (L set) */
gdt_end:
        .globl  gdt_descriptor
gdt_descriptor:
        .word   gdt_end - gdt - 1       /* limit */
        .long   gdt                     /* linear base */
