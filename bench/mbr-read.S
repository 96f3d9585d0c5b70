/* mbr-read.S: the raw-read floor for BIOS loads. MBR boot code that reads a file's
 * sectors from the boot drive the cheapest way the BIOS allows: INT 13h AH=42h (EDD 3.0,
 * 7.4), 127 sectors a call, into one buffer below 1 MiB, nothing else; then it ends the
 * run (0x10: QEMU status 33; 0x11 on a read error: status 35).
 * run.sh fills the extent table (EXTENTS_OFFSET) with the file's runs of sectors, found
 * from its FAT clusters (mshowfat), and writes this over stage 1 in a copy of the image. */
#define EXTENTS_OFFSET 0x100    /* table of {u32 first LBA, u32 sector count}, count 0 ends it */
#define MAX_SECTORS    127      /* the largest transfer many BIOSes take (EDD 3.0) */
#define BUFFER_SEGMENT 0x1000   /* 0x10000: 127 sectors fit below 0x1fe00, clear of us */

        .code16
        .globl _start
_start:
        cli                     # no interrupt while the stack moves
        xor %ax, %ax
        mov %ax, %ds            # our data is addressed from segment 0
        mov %ax, %ss
        mov $0x7c00, %sp        # stack below the MBR
        sti                     # the BIOS disk services need interrupts
        ljmp $0, $start0        # CS:IP = 0:7c.. whatever the BIOS jumped with
start0:
        mov %dl, drive          # the BIOS passes the boot drive in DL
        movw $extents, next_extent

extent_loop:
        mov next_extent, %bx
        mov 4(%bx), %ecx        # sectors in this run
        test %ecx, %ecx
        jz done                 # count 0: end of the table
        mov (%bx), %eax
        mov %eax, dap_lba       # first LBA of the run (high dword stays 0)
        mov %ecx, remaining
        addw $8, next_extent

read_loop:
        mov remaining, %ecx
        test %ecx, %ecx
        jz extent_loop
        cmp $MAX_SECTORS, %ecx
        jbe 1f
        mov $MAX_SECTORS, %ecx  # n = min(remaining, 127)
1:      mov %cx, dap_count
        sub %ecx, remaining
        mov $0x4200, %ax        # AH=42h extended read, DS:SI -> disk address packet
        mov drive, %dl
        mov $dap, %si
        int $0x13
        jc fail                 # CF: the read failed
        movzwl dap_count, %ecx  # advance by what was asked (the BIOS may update it)
        add %ecx, dap_lba
        jmp read_loop

done:
        mov $0x10, %al          # success: QEMU exits with 33
        jmp exit
fail:
        mov $0x11, %al          # read error: QEMU exits with 35
exit:
        out %al, $0xf4          # isa-debug-exit
2:      hlt
        jmp 2b

        .balign 4
dap:                            # EDD disk address packet, 16 bytes
        .byte 16, 0             # size, reserved
dap_count:
        .word 0                 # sectors to read
        .word 0, BUFFER_SEGMENT # buffer offset, segment
dap_lba:
        .quad 0                 # first sector
drive:          .byte 0
        .balign 2
next_extent:    .word 0
remaining:      .long 0

        .org EXTENTS_OFFSET
extents:                        # filled by run.sh; zero here (an empty table)
        .long 0, 0
