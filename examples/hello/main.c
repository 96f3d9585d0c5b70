/* main.c: the example kernel. elfboot loads it, maps it where its ELF headers say, and
 * calls kmain() with a pointer to the boot info: no assembly needed, the stack is set up
 * for an ordinary C function. We print what elfboot told us, draw on the screen, and
 * leave QEMU with a success code. */
#include "hello.h"

/* Optional: what this kernel asks of the loader. Every zero field means "the default"
 * (64 KiB stack, HHDM at 0xffff800000000000, identity map kept, the largest video mode
 * up to 1920x1080). Try .stack_size = 1 << 20, or .flags = ELFBOOT_REQ_NO_IDENTITY_MAP. */
ELFBOOT_REQUEST(request) = {
    .magic = { ELFBOOT_REQUEST_MAGIC0, ELFBOOT_REQUEST_MAGIC1 },
    .version = 1,
};

/* QEMU's isa-debug-exit device (`-device isa-debug-exit,iobase=0xf4,iosize=0x04`, which
 * `elfboot run` adds): writing v makes QEMU exit with status (v << 1) | 1; elfboot run
 * turns 0x10 into its own exit status 0. */
#define QEMU_EXIT_PORT 0xf4
#define QEMU_EXIT_SUCCESS 0x10

__attribute__((noreturn)) static void halt(void)
{
    for (;;)
        __asm__ volatile("cli; hlt"); /* no interrupts: sleep for good */
}

void kmain(struct elfboot_info *info);

void kmain(struct elfboot_info *info)
{
    console_init();
    if (info->magic != ELFBOOT_INFO_MAGIC) {
        print("hello: not booted by elfboot (no boot info)\n");
        halt();
    }
    print("\nHello from a kernel booted by %s!\n\n", (const char *)info->loader_name);
    print_boot_info(info);
    if (info->framebuffer.phys) {
        draw_greeting(&info->framebuffer);
        print("Drew a greeting on the %ux%u framebuffer.\n", info->framebuffer.width,
              info->framebuffer.height);
    }
    print("Leaving QEMU with 0x%x (isa-debug-exit): success.\n", QEMU_EXIT_SUCCESS);
    outb(QEMU_EXIT_PORT, QEMU_EXIT_SUCCESS);
    halt(); /* without the exit device (real hardware), stay here */
}
