/* thunk.S: bios_call(int_no, in, out): one real-mode software interrupt from 32-bit C.
 *
 * Drops to real mode through 16-bit protected mode (Intel SDM vol. 3, 9.9.2), loads the
 * registers from *in, runs INT int_no with interrupts on, saves the registers into *out,
 * and returns to protected mode. Buffers the BIOS sees must lie below 1 MiB and are
 * given as segment:offset in the struct (see bios.h). Lives in .text16: real-mode code
 * runs with CS = 0, so it must sit below 64 KiB.
 */
#include "layout.h"

/* struct regs offsets (bios.h asserts them) */
#define R_EAX 0
#define R_EBX 4
#define R_ECX 8
#define R_EDX 12
#define R_ESI 16
#define R_EDI 20
#define R_EBP 24
#define R_EFLAGS 28
#define R_DS 32
#define R_ES 34
#define REGS_DWORDS 9

        .section .text16, "ax"
        .code32
        .globl  bios_call
bios_call:
        pushl   %ebp                    /* cdecl: keep the callee-saved registers */
        pushl   %ebx                    /* likewise */
        pushl   %esi                    /* likewise */
        pushl   %edi                    /* likewise */
        movl    20(%esp), %eax          /* int_no */
        movb    %al, int_number         /* for real mode, which has no C stack */
        movl    24(%esp), %esi          /* in: copy to a place real mode can address */
        movl    $rm_regs, %edi          /* to rm_regs, below 64 KiB */
        movl    $REGS_DWORDS, %ecx      /* struct regs is 9 dwords */
        rep movsl                       /* copy *in */
        movl    %esp, saved_esp         /* the 32-bit stack may lie above 64 KiB */
        ljmp    $SEL_CODE16, $1f        /* 16-bit protected mode first */

        .code16
1:      movw    $SEL_DATA16, %ax        /* segments with real-mode limits and attributes */
        movw    %ax, %ds                /* likewise */
        movw    %ax, %es                /* likewise */
        movw    %ax, %fs                /* likewise */
        movw    %ax, %gs                /* likewise */
        movw    %ax, %ss                /* likewise */
        movl    %cr0, %eax              /* current control bits */
        andb    $0xfe, %al              /* CR0.PE off */
        movl    %eax, %cr0              /* now in real mode */
        ljmp    $0, $2f                 /* reload CS with a real-mode segment */
2:      xorw    %ax, %ax                /* real-mode segments: all 0 */
        movw    %ax, %ds                /* likewise */
        movw    %ax, %ss                /* likewise */
        movw    %ax, %fs                /* likewise */
        movw    %ax, %gs                /* likewise */
        movl    $RM_STACK_TOP, %esp     /* the real-mode stack (high half must be 0) */
        lidt    rm_idt                  /* the IVT at 0, whatever IDTR held */
        sti                             /* the frame below keeps IF set for the return */
        pushfw                          /* an interrupt frame, as INT builds it: FLAGS, */
        cli                             /*   and the handler starts with IF clear */
        pushw   %cs                     /*   CS */
        pushw   $5f                     /*   IP: its IRET returns below */
        movzbw  int_number, %bx         /* the vector's IVT entry is at int_no * 4 */
        shlw    $2, %bx                 /* 4 bytes a vector */
        pushw   2(%bx)                  /* handler segment ... */
        pushw   (%bx)                   /* ... and offset, for the LRET into it */
        movw    rm_regs + R_ES, %ax     /* the caller's ES */
        movw    %ax, %es                /* likewise */
        movl    rm_regs + R_EAX, %eax   /* the caller's general registers */
        movl    rm_regs + R_EBX, %ebx   /* likewise */
        movl    rm_regs + R_ECX, %ecx   /* likewise */
        movl    rm_regs + R_EDX, %edx   /* likewise */
        movl    rm_regs + R_ESI, %esi   /* likewise */
        movl    rm_regs + R_EDI, %edi   /* likewise */
        movl    rm_regs + R_EBP, %ebp   /* likewise */
        movw    %cs:rm_regs + R_DS, %ds /* DS last: it addressed rm_regs until now */
        lret                            /* "INT int_no": into the handler */
5:      cli                             /* nothing may interrupt the way back */
        movl    %eax, %cs:rm_regs + R_EAX  /* save results through CS (= 0) */
        movl    %ebx, %cs:rm_regs + R_EBX /* likewise */
        movl    %ecx, %cs:rm_regs + R_ECX /* likewise */
        movl    %edx, %cs:rm_regs + R_EDX /* likewise */
        movl    %esi, %cs:rm_regs + R_ESI /* likewise */
        movl    %edi, %cs:rm_regs + R_EDI /* likewise */
        movl    %ebp, %cs:rm_regs + R_EBP /* likewise */
        movw    %ds, %cs:rm_regs + R_DS /* likewise */
        movw    %es, %cs:rm_regs + R_ES /* likewise */
        pushfl                          /* flags: CF reports most BIOS errors */
        popl    %cs:rm_regs + R_EFLAGS  /* into struct regs */
        cld                             /* C expects DF = 0 */
        lgdtl   %cs:gdt_descriptor      /* the BIOS may have loaded its own GDT */
        movl    %cr0, %eax              /* current control bits */
        orb     $1, %al                 /* CR0.PE on */
        movl    %eax, %cr0              /* protected mode again (16-bit until the jump) */
        ljmpl   $SEL_CODE32, $3f        /* back to 32-bit code */

        .code32
3:      movw    $SEL_DATA32, %ax        /* flat data segments again */
        movw    %ax, %ds                /* likewise */
        movw    %ax, %es                /* likewise */
        movw    %ax, %fs                /* likewise */
        movw    %ax, %gs                /* likewise */
        movw    %ax, %ss                /* likewise */
        movl    saved_esp, %esp         /* the C stack */
        movl    28(%esp), %edi          /* out (may be NULL) */
        testl   %edi, %edi              /* no out: skip the copy */
        jz      4f                      /* likewise */
        movl    $rm_regs, %esi          /* copy the results out */
        movl    $REGS_DWORDS, %ecx      /* struct regs is 9 dwords */
        rep movsl                       /* copy to *out */
4:      popl    %edi                    /* callee-saved registers back */
        popl    %esi                    /* likewise */
        popl    %ebx                    /* likewise */
        popl    %ebp                    /* likewise */
        ret                             /* to the C caller */

        .section .data16, "aw"
        .balign 4
rm_regs:
        .fill   REGS_DWORDS, 4, 0       /* struct regs, in real-mode reach */
saved_esp:
        .long   0
rm_idt:
        .word   0x3ff                   /* real-mode IVT: 256 vectors of 4 bytes */
        .long   0                       /* at address 0 */
int_number:
        .byte   0                       /* the vector of this call */
