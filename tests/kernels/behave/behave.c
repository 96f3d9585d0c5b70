/* behave.elf: does what its command line says, for the runner's tests:
 *   behave=pass     exit QEMU with 0x10 (status 33)
 *   behave=fail     exit with 0x11 (status 35)
 *   behave=triple   load an empty IDT and fault: a triple fault (QEMU -no-reboot exits 0)
 *   behave=hang     halt forever (the runner's timeout)
 *   exit=N          write N to the isa-debug-exit port (decimal or 0x hex)
 * It prints one line saying which first. Anything else: a message, then exit 0x11. */
#include "cmdline.h"
#include "elfboot.h"
#include "entry_state.h"
#include "exit.h"
#include "printf.h"
#include "serial.h"
#include "kstring.h"

static void triple_fault(void)
{
    /* With IDT limit 0 every exception is a #GP, then #DF, then a shutdown. */
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) empty = { 0, 0 };
    __asm__ volatile("lidt %0; ud2" : : "m"(empty));
    halt_forever();
}

void kernel_main(void *arg)
{
    const struct elfboot_info *info = arg;
    eb_serial_init();
    const char *cl = info && info->magic == ELFBOOT_INFO_MAGIC && info->cmdline
                         ? (const char *)info->cmdline : "";
    char mode[16], value[24];
    if (cmdline_get(cl, "exit", value, sizeof value)) {
        const char *p = value;
        uint64_t code;
        if (parse_u64(&p, &code) && !*p && code <= 0xff) {
            kprintf("behave: exit=0x%lx\n", code);
            qemu_exit((uint8_t)code);
        }
        kprintf("behave: bad exit=%s (expected 0..255)\n", value);
        qemu_exit(QEMU_EXIT_FAIL);
    }
    if (!cmdline_get(cl, "behave", mode, sizeof mode))
        mode[0] = '\0';
    kprintf("behave: %s\n", mode);
    if (!strcmp(mode, "pass"))
        qemu_exit(QEMU_EXIT_PASS);
    if (!strcmp(mode, "fail"))
        qemu_exit(QEMU_EXIT_FAIL);
    if (!strcmp(mode, "triple"))
        triple_fault();
    if (!strcmp(mode, "hang"))
        halt_forever();
    kprintf("behave: unknown behaviour \"%s\"; command line \"%s\"\n", mode, cl);
    kprintf("behave: expected behave=pass|fail|triple|hang or exit=N\n");
    qemu_exit(QEMU_EXIT_FAIL);
}
