/* runner.c: `elfboot runner [options] KERNEL [ARGS...] [-- QEMU-ARGS...]`, a cargo
 * runner. Options come before KERNEL (cargo appends the kernel and its own arguments
 * to the runner line); ARGS go to the kernel's command line. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cargo.h"
#include "cli.h"
#include "runconf.h"
#include "settings.h"
#include "vm.h"

/* Exit statuses of the runner (docs/cli.md). */
#define RUNNER_FAILED 1       /* the kernel wrote another exit code */
#define RUNNER_NO_EXIT 2      /* triple fault, reset or power-off without the code */
#define RUNNER_TIMEOUT 3
#define RUNNER_ERROR 4        /* bad kernel, bad settings, QEMU would not start */

enum { OPT_NO_TEST = 512, OPT_PRINT_SETTINGS };

static const struct option options[] = {
    {"test", no_argument, NULL, OPT_TEST},
    {"no-test", no_argument, NULL, OPT_NO_TEST},
    FIRMWARE_OPTIONS,
    KERNEL_INPUT_OPTIONS,
    BOOT_OPTIONS,
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"success-code", required_argument, NULL, OPT_SUCCESS_CODE},
    {"print-settings", no_argument, NULL, OPT_PRINT_SETTINGS},
    {"verbose", no_argument, NULL, 'v'},
    COMMON_OPTIONS,
};

struct runner_args {
    struct settings_layer *flags;
    struct strvec flag_modules;
    const char *kernel;
    struct strvec kernel_args, qemu_args;
    bool verbose, print_settings;
};

static const char *const flag_keys[] = {
    [OPT_MEMORY - OPT_CMDLINE] = "memory", [0] = "cmdline",
    [OPT_TIMEOUT - OPT_CMDLINE] = "test-timeout",
    [OPT_SUCCESS_CODE - OPT_CMDLINE] = "test-success-exit-code",
    [OPT_ACCEL - OPT_CMDLINE] = "accel",
};

static int parse(int argc, char **argv, struct runner_args *a)
{
    int opt;
    optind = 0;
    opterr = 0;
    a->flags = layer_new("command line");
    while ((opt = getopt_long(argc, argv, "+:vh", options, NULL)) != -1) {
        switch (opt) {
        case OPT_TEST: layer_set(a->flags, "test", "1"); break;
        case OPT_NO_TEST: layer_set(a->flags, "test", "0"); break;
        case OPT_BIOS: layer_set(a->flags, "firmware", "bios"); break;
        case OPT_UEFI: layer_set(a->flags, "firmware", "uefi"); break;
        case OPT_MODULE: strvec_push(&a->flag_modules, optarg); break;
        case OPT_CMDLINE: case OPT_MEMORY: case OPT_TIMEOUT: case OPT_SUCCESS_CODE:
        case OPT_ACCEL:
            layer_set(a->flags, flag_keys[opt - OPT_CMDLINE], optarg);
            break;
        case OPT_PRINT_SETTINGS: a->print_settings = true; break;
        case 'v': a->verbose = true; break;
        case 'h': return print_help(), -1;
        case ':': return usage_error("%s needs a value", argv[optind - 1]);
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (a->flag_modules.n)
        layer_set_list(a->flags, "modules", &a->flag_modules, NULL);
    if (optind >= argc)
        return usage_error("no KERNEL given");
    a->kernel = argv[optind];
    int i = optind + 1;
    for (; i < argc && strcmp(argv[i], "--"); i++)
        strvec_push(&a->kernel_args, argv[i]);
    for (i++; i < argc; i++)
        strvec_push(&a->qemu_args, argv[i]);
    return 0;
}

/* Cargo's test binaries live in .../deps/. */
static bool in_deps_folder(const char *kernel)
{
    char *dir = path_dir(kernel);
    bool deps = !strcmp(path_base(dir), "deps");
    free(dir);
    return deps;
}

/* The settings' command line, then ARGS, blank-separated. */
static char *kernel_cmdline(const struct runner_settings *s, const struct strvec *args)
{
    char *line = xstrdup(s->cmdline ? s->cmdline : "");
    for (size_t i = 0; i < args->n; i++) {
        char *longer = xasprintf("%s%s%s", line, *line ? " " : "", args->v[i]);
        free(line);
        line = longer;
    }
    return line;
}

static void setup_vm(struct vm *vm, const struct runner_settings *s, bool test,
                     const struct runner_args *a, char *cmdline)
{
    vm->spec.kernel = a->kernel;
    vm->spec.cmdline = *cmdline ? cmdline : NULL;
    vm->firmware = s->firmware;
    vm->memory_mib = s->memory_mib;
    vm->accel = s->accel;
    vm->verbose = a->verbose;
    vm->headless = test || (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY"));
    vm->no_reboot = test ? s->no_reboot : true;
    vm->interactive = !test && isatty(0);
    vm->detect_triple_fault = test;
    vm->timeout_s = test ? s->test_timeout_s : 0;
    strvec_extend(&vm->qemu_args, test ? &s->test_args : &s->run_args);
    strvec_extend(&vm->qemu_args, &a->qemu_args);
}

/* What a test run's end means, said in one line. */
static int test_outcome(const struct runner_settings *s, const struct vm_result *r)
{
    int value = qemu_debug_exit_value(r->status);
    if (r->status == s->success_status) {
        note("test passed (QEMU status %d)", r->status);
        return EXIT_OK;
    }
    if (r->status == -2)
        return fail("test failed: timed out after %u s (test-timeout)", s->test_timeout_s),
               RUNNER_TIMEOUT;
    if (r->status > 255)
        return fail("test stopped: QEMU was killed by signal %d", r->status - 256),
               128 + r->status - 256;
    if (r->triple_fault)
        return fail("test failed: triple fault (the CPU reset; -no-reboot stopped QEMU)"),
               RUNNER_NO_EXIT;
    if (r->status == 0)
        return fail("test failed: QEMU stopped without the success code (the kernel reset or "
                    "powered off the machine)"), RUNNER_NO_EXIT;
    if (value > 0)
        return fail("test failed: the kernel wrote 0x%x to the isa-debug-exit port (success "
                    "is QEMU status %d, the value 0x%x)", value, s->success_status,
                    s->success_status >> 1), RUNNER_FAILED;
    return fail("test failed: QEMU exited with status %d (a QEMU error, see above, or the "
                "kernel wrote 0 to the exit port)", r->status), RUNNER_FAILED;
}

/* layers[0..3], weakest first: runner config file, bootimage, elfboot, environment. */
static int load_layers(const char *kernel, struct settings_layer *layers[4])
{
    if (runconf_layer(kernel, &layers[0]) || cargo_layers(kernel, &layers[2], &layers[1]))
        return -1;
    layers[3] = settings_from_env();
    return 0;
}

int cmd_runner(int argc, char **argv)
{
    struct runner_args a = {0};
    struct settings_layer *layers[5] = {0};
    struct runner_settings s = {0};
    struct vm vm = {0};
    char real[PATH_MAX], *cmdline = NULL;
    int rc = parse(argc, argv, &a);
    layers[4] = a.flags;
    if (rc) {
        rc = rc < 0 ? EXIT_OK : EXIT_USAGE;
        goto out;
    }
    rc = RUNNER_ERROR;
    if (!realpath(a.kernel, real)) {
        fail("kernel '%s' not found", a.kernel);
        goto out;
    }
    a.kernel = real;
    if (load_layers(a.kernel, layers) || settings_resolve(layers, 5, &s))
        goto out;
    bool test = s.test >= 0 ? s.test : in_deps_folder(a.kernel);
    if (a.print_settings) {
        printf("%-24s %s\n", "kernel", a.kernel);
        printf("%-24s %s\n", "mode", test ? "test" : "run");
        settings_print(&s);
        rc = EXIT_OK;
        goto out;
    }
    cmdline = kernel_cmdline(&s, &a.kernel_args);
    for (size_t i = 0; i < s.modules.n; i++)
        if (spec_add_module(&vm.spec, s.modules.v[i]))
            goto out;
    setup_vm(&vm, &s, test, &a, cmdline);
    if (test)
        note("testing %s (%s, %lluM, timeout %u s)", path_base(a.kernel),
             s.firmware == FIRMWARE_UEFI ? "uefi" : "bios", (unsigned long long)s.memory_mib,
             s.test_timeout_s);
    struct vm_result r;
    if (!vm_boot(&vm, &r))
        rc = test ? test_outcome(&s, &r) : vm_exit_status(&r);
out:
    for (int i = 0; i < 5; i++)
        layer_free(layers[i]);
    settings_free(&s);
    spec_free(&vm.spec);
    strvec_free(&vm.qemu_args), strvec_free(&a.flag_modules);
    strvec_free(&a.kernel_args), strvec_free(&a.qemu_args);
    free(cmdline);
    return rc;
}
