/* kernel.S: the bench kernel. Its first instruction ends the run: the time from QEMU's
 * start to its exit is the time to kernel entry. The same bytes run as 32-bit code
 * (GRUB's Multiboot2 entry) and as 64-bit code (elfboot's entry). */

/* Multiboot2 header (Multiboot2 spec 3.1): lets GRUB boot this same kernel. elfboot
 * ignores it. It must lie in the first 32 KiB, 8-byte aligned. */
#define MB2_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0
        .section .multiboot2, "a"
        .balign 8
mb2_header:
        .long MB2_MAGIC
        .long MB2_ARCH_I386
        .long mb2_end - mb2_header                          # header length
        .long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_end - mb2_header)) # checksum: sum is 0
        .short 0, 0                                         # end tag: type 0, flags 0
        .long 8                                             #   size 8
mb2_end:

        .text
        .globl _start
_start:
        mov $0x10, %al          # isa-debug-exit code: QEMU exits with (0x10 << 1) | 1 = 33
        out %al, $0xf4          # the device at port 0xf4 (QEMU -device isa-debug-exit)
1:      hlt                     # not reached under QEMU; halt if the device is missing
        jmp 1b

/* Padding: with it the kernel's loaded bytes span 1 MiB (kernel.ld). 0xcc, not zeros,
 * so no layer can skip or compress it. */
        .section .data
        .fill 4096, 1, 0xcc
