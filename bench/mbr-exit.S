/* mbr-exit.S: the SeaBIOS floor. MBR boot code that ends the run at once, so that a boot
 * of it costs the firmware and nothing else. run.sh writes it over stage 1 in a copy of
 * the bench image (same disk, same size), bytes 0.. of the MBR. */
        .code16
        .globl _start
_start:
        mov $0x10, %al          # isa-debug-exit code 0x10: QEMU exits with status 33
        out %al, $0xf4          # isa-debug-exit at port 0xf4
1:      hlt                     # not reached under QEMU
        jmp 1b
