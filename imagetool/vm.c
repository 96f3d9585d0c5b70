/* vm.c: one boot in QEMU (vm.h). */
#include "vm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel.h"
#include "image.h"
#include "spawn.h"

static int make_image(const struct vm *vm, struct staging *s, char **image)
{
    struct image_spec spec = vm->spec;
    spec.kind = vm->firmware == FIRMWARE_UEFI ? IMAGE_UEFI : IMAGE_BIOS;
    *image = staging_reserve(s, "disk.img");
    return *image ? image_write(&spec, *image) : -1;
}

int vm_vars_copy(struct staging *s, const char *template, char **vars)
{
    struct blob b;
    if (read_file(template, "OVMF variable store", &b, NULL))
        return -1;
    *vars = staging_file(s, "OVMF_VARS.fd", b.data, b.size);
    blob_free(&b);
    return *vars ? 0 : -1;
}

static bool log_says_triple_fault(const char *path)
{
    struct blob b;
    if (!path || !is_file(path) || read_file(path, "QEMU log", &b, NULL))
        return false;
    bool found = memmem(b.data, b.size, "Triple fault", 12) != NULL;
    blob_free(&b);
    return found;
}

static void print_command(char *const *argv)
{
    fprintf(stderr, "elfboot %s: running", g_command);
    for (; *argv; argv++)
        fprintf(stderr, strpbrk(*argv, " \"'") ? " '%s'" : " %s", *argv);
    fputc('\n', stderr);
}

static int launch(const struct qemu_config *q, const struct vm *vm, struct vm_result *r)
{
    struct strvec argv = {0};
    qemu_argv(q, &argv);
    if (vm->verbose)
        print_command(argv.v);
    struct spawn_opts o = {NULL, vm->interactive ? 0 : -1, -1, -1};
    pid_t pid = spawn_start(argv.v, &o);
    strvec_free(&argv);
    if (pid < 0)
        return -1;
    r->status = spawn_wait(pid, vm->timeout_s * 1000u);
    r->triple_fault = log_says_triple_fault(q->reset_log);
    return 0;
}

int vm_boot(const struct vm *vm, struct vm_result *r)
{
    struct qemu_config q = {
        .firmware = vm->firmware, .memory_mib = vm->memory_mib, .gdb = vm->gdb,
        .headless = vm->headless, .no_reboot = vm->no_reboot, .interactive = vm->interactive,
        .extra = &vm->qemu_args,
    };
    const char *vars_template = NULL;
    char *image = NULL, *vars = NULL, *reset_log = NULL;
    struct staging s;
    memset(r, 0, sizeof *r);
    if (qemu_check() ||
        (vm->firmware == FIRMWARE_UEFI && qemu_find_ovmf(&q.ovmf_code, &vars_template)) ||
        !(q.accel = accel_resolve(vm->accel, &(struct probe_target){vm->firmware, q.ovmf_code,
                                                                     vars_template})) ||
        staging_create(&s))
        return -1;
    int rc = -1;
    if (make_image(vm, &s, &image) ||
        (vars_template && vm_vars_copy(&s, vars_template, &vars)) ||
        (vm->detect_triple_fault && !(reset_log = staging_reserve(&s, "qemu-reset.log"))))
        goto out;
    q.image = image, q.ovmf_vars = vars, q.reset_log = reset_log;
    rc = launch(&q, vm, r);
out:
    free(image), free(vars), free(reset_log);
    staging_remove(&s);
    return rc;
}

int vm_exit_status(const struct vm_result *r)
{
    int value = qemu_debug_exit_value(r->status);
    if (value == 0x10)
        return 0;
    if (value >= 0)
        return value;
    if (r->status > 255)
        return 128 + (r->status - 256); /* killed by a signal, as a shell would say */
    return r->status;
}
