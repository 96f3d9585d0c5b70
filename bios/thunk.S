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
        pushl   %ebx
        pushl   %esi
        pushl   %edi
        movl    20(%esp), %eax          /* int_no */
        movb    %al, int_number         /* for real mode, which has no C stack */
        movl    24(%esp), %esi          /* in: copy to a place real mode can address */
        movl    $rm_regs, %edi
        movl    $REGS_DWORDS, %ecx
        rep movsl
        movl    %esp, saved_esp         /* the 32-bit stack may lie above 64 KiB */
        ljmp    $SEL_CODE16, $1f        /* 16-bit protected mode first */

        .code16
1:      movw    $SEL_DATA16, %ax        /* segments with real-mode limits and attributes */
        movw    %ax, %ds
        movw    %ax, %es
        movw    %ax, %fs
        movw    %ax, %gs
        movw    %ax, %ss
        movl    %cr0, %eax
        andb    $0xfe, %al              /* CR0.PE off */
        movl    %eax, %cr0
        ljmp    $0, $2f                 /* reload CS with a real-mode segment */
2:      xorw    %ax, %ax                /* real-mode segments: all 0 */
        movw    %ax, %ds
        movw    %ax, %ss
        movw    %ax, %fs
        movw    %ax, %gs
        movl    $RM_STACK_TOP, %esp     /* the real-mode stack (high half must be 0) */
        lidt    rm_idt                  /* the IVT at 0, whatever IDTR held */
        sti                             /* the frame below keeps IF set for the return */
        pushfw                          /* an interrupt frame, as INT builds it: FLAGS, */
        cli                             /*   and the handler starts with IF clear */
        pushw   %cs                     /*   CS */
        pushw   $5f                     /*   IP: its IRET returns below */
        movzbw  int_number, %bx         /* the vector's IVT entry is at int_no * 4 */
        shlw    $2, %bx
        pushw   2(%bx)                  /* handler segment ... */
        pushw   (%bx)                   /* ... and offset, for the LRET into it */
        movw    rm_regs + R_ES, %ax     /* the caller's ES */
        movw    %ax, %es
        movl    rm_regs + R_EAX, %eax   /* the caller's general registers */
        movl    rm_regs + R_EBX, %ebx
        movl    rm_regs + R_ECX, %ecx
        movl    rm_regs + R_EDX, %edx
        movl    rm_regs + R_ESI, %esi
        movl    rm_regs + R_EDI, %edi
        movl    rm_regs + R_EBP, %ebp
        movw    %cs:rm_regs + R_DS, %ds /* DS last: it addressed rm_regs until now */
        lret                            /* "INT int_no": into the handler */
5:      cli                             /* nothing may interrupt the way back */
        movl    %eax, %cs:rm_regs + R_EAX  /* save results through CS (= 0) */
        movl    %ebx, %cs:rm_regs + R_EBX
        movl    %ecx, %cs:rm_regs + R_ECX
        movl    %edx, %cs:rm_regs + R_EDX
        movl    %esi, %cs:rm_regs + R_ESI
        movl    %edi, %cs:rm_regs + R_EDI
        movl    %ebp, %cs:rm_regs + R_EBP
        movw    %ds, %cs:rm_regs + R_DS
        movw    %es, %cs:rm_regs + R_ES
        pushfl                          /* flags: CF reports most BIOS errors */
        popl    %cs:rm_regs + R_EFLAGS
        cld                             /* C expects DF = 0 */
        lgdtl   %cs:gdt_descriptor      /* the BIOS may have loaded its own GDT */
        movl    %cr0, %eax
        orb     $1, %al                 /* CR0.PE on */
        movl    %eax, %cr0
        ljmpl   $SEL_CODE32, $3f        /* back to 32-bit code */

        .code32
3:      movw    $SEL_DATA32, %ax        /* flat data segments again */
        movw    %ax, %ds
        movw    %ax, %es
        movw    %ax, %fs
        movw    %ax, %gs
        movw    %ax, %ss
        movl    saved_esp, %esp         /* the C stack */
        movl    28(%esp), %edi          /* out (may be NULL) */
        testl   %edi, %edi
        jz      4f
        movl    $rm_regs, %esi          /* copy the results out */
        movl    $REGS_DWORDS, %ecx
        rep movsl
4:      popl    %edi
        popl    %esi
        popl    %ebx
        popl    %ebp
        ret

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
