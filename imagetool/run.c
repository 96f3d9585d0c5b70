/* run.c: `elfboot run KERNEL [options] [-- QEMU-ARGS]`: boot it now, serial here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "vm.h"

static const struct option options[] = {
    FIRMWARE_OPTIONS,
    KERNEL_INPUT_OPTIONS,
    BOOT_OPTIONS,
    {"resolution", required_argument, NULL, OPT_RESOLUTION},
    {"gdb", no_argument, NULL, OPT_GDB},
    {"verbose", no_argument, NULL, 'v'},
    COMMON_OPTIONS,
};

/* Fills `vm` from argv[0..end) (end: the "--", if any); returns 0 or an exit status. */
static int parse(int argc, int end, char **argv, struct vm *vm)
{
    int opt;
    optind = 0;
    opterr = 0;
    while ((opt = getopt_long(end, argv, ":vh", options, NULL)) != -1) {
        switch (opt) {
        case OPT_BIOS: vm->firmware = FIRMWARE_BIOS; break;
        case OPT_UEFI: vm->firmware = FIRMWARE_UEFI; break;
        case OPT_MEMORY:
            if (parse_mib("--memory", optarg, &vm->memory_mib))
                return EXIT_USAGE;
            break;
        case OPT_ACCEL: vm->accel = optarg; break;
        case OPT_GDB: vm->gdb = true; break;
        case 'v': vm->verbose = true; break;
        case 'h': return print_help(), -1;
        case ':': return usage_error("%s needs a value", argv[optind - 1]);
        case '?': return usage_error("unknown option '%s'", argv[optind - 1]);
        default:
            if (image_option(opt, optarg, &vm->spec))
                return EXIT_USAGE;
        }
    }
    if (optind >= end)
        return usage_error("no KERNEL given");
    if (optind + 1 < end)
        return usage_error("one KERNEL only; '%s' is extra (QEMU arguments go after --)",
                           argv[optind + 1]);
    vm->spec.kernel = argv[optind];
    for (int i = end + 1; i < argc; i++)
        strvec_push(&vm->qemu_args, argv[i]);
    return 0;
}

int cmd_run(int argc, char **argv)
{
    struct vm vm = {
        .firmware = FIRMWARE_BIOS, .memory_mib = DEFAULT_MEMORY_MIB, .accel = "tcg",
        .interactive = isatty(0), .no_reboot = true, .headless = !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY"),
    };
    int rc = parse(argc, find_double_dash(argc, argv), argv, &vm);
    if (rc == 0) {
        if (vm.gdb)
            note("QEMU waits for a debugger: gdb %s -ex 'target remote localhost:1234'",
                 vm.spec.kernel);
        struct vm_result r;
        rc = vm_boot(&vm, &r) ? EXIT_FAILED : vm_exit_status(&r);
    } else if (rc < 0) {
        rc = EXIT_OK;
    }
    spec_free(&vm.spec);
    strvec_free(&vm.qemu_args);
    return rc;
}
