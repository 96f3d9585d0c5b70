/* jump64.S: long_mode_jump(pml4, entry, arg, nxe) from 32-bit protected mode.
 * Intel SDM vol. 3, 10.8.5 "Initializing IA-32e Mode": PAE on, CR3, EFER.LME, then
 * paging on; a far jump into a 64-bit code segment finishes the switch. */
#include "layout.h"

#define CR4_PAE 0x20
#define CR0_PG 0x80000000
#define MSR_EFER 0xc0000080
#define EFER_LME 0x100
#define EFER_NXE 0x800

        .section .text
        .code32
        .globl  long_mode_jump
long_mode_jump:
        movl    4(%esp), %eax           /* the identity map's PML4 */
        movl    8(%esp), %ebx           /* 64-bit entry point (below 4 GiB) */
        movl    12(%esp), %esi          /* its argument */
        movl    16(%esp), %edi          /* non-zero: the CPU has NX */
        movl    %eax, %cr3              /* page tables, used once paging is on */
        movl    %cr4, %eax              /* current CR4 */
        orl     $CR4_PAE, %eax          /* long mode needs PAE-format tables */
        movl    %eax, %cr4              /* PAE on */
        movl    $MSR_EFER, %ecx         /* the EFER MSR */
        rdmsr                           /* EDX:EAX = EFER */
        orl     $EFER_LME, %eax         /* long mode enable */
        testl   %edi, %edi              /* NX available? */
        jz      1f                      /* no: leave NXE clear */
        orl     $EFER_NXE, %eax         /* NX bits in page tables (the core sets them) */
1:      wrmsr                           /* EFER written */
        movl    %cr0, %eax              /* current CR0 */
        orl     $CR0_PG, %eax           /* paging on: the CPU enters IA-32e mode */
        movl    %eax, %cr0              /* long mode is active from here */
        ljmp    $SEL_CODE64, $2f        /* 64-bit code segment */

        .code64
2:      movl    $SEL_DATA32, %eax       /* data segments: ignored in 64-bit mode, but */
        movl    %eax, %ds               /*   keep them valid selectors */
        movl    %eax, %es               /* likewise */
        movl    %eax, %ss               /* likewise */
        movl    %eax, %fs               /* likewise */
        movl    %eax, %gs               /* likewise */
        movl    %esi, %edi              /* argument; a 32-bit move clears the high half */
        movl    %ebx, %ebx              /* entry, likewise */
        jmp     *%rbx                   /* into the 64-bit part */
