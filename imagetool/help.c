/* help.c: `elfboot help COMMAND` and `COMMAND --help`. docs/cli.md says the same at length. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: elfboot COMMAND [ARGS]\n"
    "\n"
    "Boots ELF64 x86_64 kernels on BIOS and UEFI. Commands:\n"
    "  check KERNEL             say whether the kernel will boot, and how it will be loaded\n"
    "  build KERNEL -o IMAGE    write a bootable disk image (or ISO)\n"
    "  run KERNEL               boot the kernel in QEMU, serial on this terminal\n"
    "  runner KERNEL [ARGS]     cargo-style runner: `runner = \"elfboot runner\"`\n"
    "  help COMMAND             the options of a command\n"
    "\n"
    "  elfboot --version        the version\n";

static const char build_help[] =
    "usage: elfboot build KERNEL -o IMAGE [options]\n"
    "\n"
    "Checks KERNEL as the loader will, then writes a bootable image: a FAT32 boot\n"
    "partition with the kernel, /boot/elfboot.cfg, the modules and the loaders. The same\n"
    "inputs give the same bytes (SOURCE_DATE_EPOCH sets every timestamp). IMAGE appears\n"
    "whole or not at all: on any error an existing IMAGE is left untouched.\n"
    "\n"
    "  -o, --output IMAGE      the image to write (required)\n"
    "  --hybrid                boots on BIOS and UEFI (GPT + stage 1/2 + ESP; the default)\n"
    "  --bios                  BIOS only (MBR partitioning)\n"
    "  --uefi                  UEFI only (GPT with the ESP)\n"
    "  --iso                   a hybrid ISO (needs xorriso): a CD-ROM for UEFI (and BIOS\n"
    "                          with a BIOS CD boot image), a disk for both when written\n"
    "                          raw to one\n"
    "  --cmdline TEXT          the kernel command line\n"
    "  --module FILE[:NAME]    a module (repeatable; NAME defaults to FILE's name)\n"
    "  --resolution WxH        the framebuffer mode to ask for, e.g. 1280x720\n"
    "  --config FILE           use FILE as /boot/elfboot.cfg (checked) instead of one\n"
    "                          generated from the options above\n"
    "  --size SIZE             the whole disk, e.g. 128M or 1G (default: what the files\n"
    "                          need plus room, at least 64 MiB for the partition)\n"
    "\n"
    "Exit status: 0 written, 1 an error (named), 2 a bad command line.\n";

static const char check_help[] =
    "usage: elfboot check [options] KERNEL\n"
    "\n"
    "Runs the loader's own checks on KERNEL, then shows what the loader will do: the\n"
    "entry point, each segment with its permissions and where it goes, relocations,\n"
    "PIE/KASLR, the request, TLS and sizes; warns about what is legal but suspicious.\n"
    "\n"
    "  -q, --quiet             print only errors and warnings\n"
    "\n"
    "Exit status: 0 the kernel will boot, 1 it will not (the reason is printed).\n";

static const char run_help[] =
    "usage: elfboot run KERNEL [options] [-- QEMU-ARGS...]\n"
    "\n"
    "Builds a temporary image and boots it in QEMU, the serial port on this terminal\n"
    "(Ctrl-A X quits when stdin is a terminal). Everything is removed afterwards.\n"
    "\n"
    "  --bios | --uefi         the firmware (default: bios; SeaBIOS, or OVMF)\n"
    "  --memory SIZE           guest memory, e.g. 256M, 2G (default 256M)\n"
    "  --cmdline TEXT          the kernel command line\n"
    "  --module FILE[:NAME]    a module (repeatable)\n"
    "  --resolution WxH        the framebuffer mode to ask for\n"
    "  --accel tcg|kvm|auto    the accelerator (default tcg; auto uses KVM only where a\n"
    "                          timed probe shows it helps, and says what it chose)\n"
    "  --gdb                   wait for a debugger on localhost:1234 before booting\n"
    "  -- QEMU-ARGS            passed to QEMU as they are\n"
    "\n"
    "Exit status: the kernel's isa-debug-exit code (port 0xf4), with 0x10 as 0;\n"
    "0 when QEMU stops otherwise; 1 when the image cannot be built or QEMU fails.\n";

static const char runner_help[] =
    "usage: elfboot runner [options] KERNEL [ARGS...] [-- QEMU-ARGS...]\n"
    "\n"
    "A cargo runner: in .cargo/config.toml, `runner = \"elfboot runner\"`. Boots KERNEL in\n"
    "QEMU with its serial output on stdout. ARGS are appended to the kernel command line.\n"
    "Test mode (when KERNEL lies in a folder named 'deps', as cargo's test binaries do,\n"
    "or with --test) adds isa-debug-exit, -display none and -no-reboot, and a timeout.\n"
    "\n"
    "  --test                  test mode even outside 'deps'\n"
    "  --no-test               never test mode\n"
    "  --bios | --uefi         the firmware (default bios)\n"
    "  --memory SIZE           guest memory (default 256M)\n"
    "  --cmdline TEXT          the kernel command line (ARGS are added after it)\n"
    "  --module FILE[:NAME]    a module (repeatable)\n"
    "  --timeout SECONDS       test timeout (default 300)\n"
    "  --success-code N        the isa-debug-exit value meaning success (default 0x10)\n"
    "  --accel tcg|kvm|auto    as for `elfboot run`\n"
    "  --print-settings        print the settings and where each comes from, then stop\n"
    "  -v, --verbose           print the QEMU command line\n"
    "\n"
    "Settings, strongest first: these options; ELFBOOT_* environment variables;\n"
    "[package.metadata.elfboot] of the kernel's Cargo.toml; its\n"
    "[package.metadata.bootimage] (run-args, test-args, test-timeout,\n"
    "test-success-exit-code, test-no-reboot); an elfboot-runner.conf file. docs/cli.md\n"
    "lists them all.\n"
    "\n"
    "Exit status: 0 success; 1 the kernel wrote another exit code (or, outside test mode,\n"
    "as `elfboot run`); 2 the machine reset (triple fault) or stopped without an exit\n"
    "code; 3 timeout; 4 the kernel or settings are wrong, or QEMU could not start.\n";

static const char help_help[] =
    "usage: elfboot help [COMMAND]\n"
    "\n"
    "Prints the options of COMMAND (build, check, run, runner), or the list of commands.\n";

static const struct {
    const char *name, *text;
} helps[] = {
    {"build", build_help}, {"check", check_help},   {"run", run_help},
    {"runner", runner_help}, {"help", help_help},
};

const char *command_help(const char *name)
{
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        if (!strcmp(helps[i].name, name))
            return helps[i].text;
    return NULL;
}

void print_usage(void)
{
    fputs(usage, stdout);
}

int print_help(void)
{
    fputs(command_help(g_command), stdout);
    return EXIT_OK;
}
