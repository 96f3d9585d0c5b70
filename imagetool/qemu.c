/* qemu.c: QEMU command lines (qemu.h). */
#include "qemu.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const ovmf_pairs[][2] = {
    {"/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd"},
    {"/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"},
};

const char *qemu_binary(void)
{
    const char *q = getenv("ELFBOOT_QEMU");
    return q && *q ? q : DEFAULT_QEMU;
}

int qemu_find_ovmf(const char **code, const char **vars)
{
    const char *c = getenv("ELFBOOT_OVMF_CODE"), *v = getenv("ELFBOOT_OVMF_VARS");
    if (c && *c && v && *v) {
        if (!is_file(c) || !is_file(v))
            return fail("ELFBOOT_OVMF_CODE '%s' or ELFBOOT_OVMF_VARS '%s' is not a file", c, v);
        *code = c, *vars = v;
        return 0;
    }
    for (size_t i = 0; i < sizeof ovmf_pairs / sizeof ovmf_pairs[0]; i++) {
        if (is_file(ovmf_pairs[i][0]) && is_file(ovmf_pairs[i][1])) {
            *code = ovmf_pairs[i][0], *vars = ovmf_pairs[i][1];
            return 0;
        }
    }
    return fail("no OVMF firmware in /usr/share/OVMF (Debian/Ubuntu: apt-get install ovmf), "
                "or set ELFBOOT_OVMF_CODE and ELFBOOT_OVMF_VARS");
}

/* Whether the user's arguments already hold `option` (with a value starting `prefix`). */
static bool user_gave(const struct strvec *extra, const char *option, const char *prefix)
{
    for (size_t i = 0; extra && i < extra->n; i++)
        if (!strcmp(extra->v[i], option) &&
            (!prefix || (i + 1 < extra->n && !strncmp(extra->v[i + 1], prefix, strlen(prefix)))))
            return true;
    return false;
}

/* Our defaults give way to the user's own: bootimage users carry -serial, -display and
 * an isa-debug-exit device in their test-args, and QEMU refuses two on one port. */
void qemu_argv(const struct qemu_config *q, struct strvec *argv)
{
    const struct strvec *x = q->extra;
    bool nographic = user_gave(x, "-nographic", NULL);
    strvec_push(argv, qemu_binary());
    strvec_push(argv, "-machine");
    strvec_push(argv, "pc");
    strvec_push(argv, "-accel");
    strvec_push(argv, q->accel);
    strvec_push(argv, "-m");
    strvec_pushf(argv, "%lluM", (unsigned long long)q->memory_mib);
    strvec_push(argv, "-drive");
    strvec_pushf(argv, "file=%s,format=raw,if=virtio", q->image);
    if (q->firmware == FIRMWARE_UEFI) {
        strvec_push(argv, "-drive");
        strvec_pushf(argv, "if=pflash,format=raw,readonly=on,file=%s", q->ovmf_code);
        strvec_push(argv, "-drive");
        strvec_pushf(argv, "if=pflash,format=raw,file=%s", q->ovmf_vars);
    }
    if (!user_gave(x, "-device", "isa-debug-exit")) {
        strvec_push(argv, "-device");
        strvec_push(argv, "isa-debug-exit,iobase=" DEBUG_EXIT_PORT ",iosize=0x04");
    }
    strvec_push(argv, "-nic");
    strvec_push(argv, "none"); /* no NIC unless asked for (-nic ...): OVMF skips PXE */
    if (q->no_reboot)
        strvec_push(argv, "-no-reboot"); /* a triple fault ends the run, not a loop */
    if (!nographic && !user_gave(x, "-serial", NULL)) {
        strvec_push(argv, "-serial");
        strvec_push(argv, q->interactive ? "mon:stdio" : "stdio");
    }
    if (!nographic && !q->interactive && !user_gave(x, "-monitor", NULL)) {
        strvec_push(argv, "-monitor");
        strvec_push(argv, "none");
    }
    if (q->headless && !nographic && !user_gave(x, "-display", NULL)) {
        strvec_push(argv, "-display");
        strvec_push(argv, "none");
    }
    if (q->reset_log) {
        strvec_push(argv, "-d");
        strvec_push(argv, "cpu_reset");
        strvec_push(argv, "-D");
        strvec_push(argv, q->reset_log);
    }
    if (q->gdb) {
        strvec_push(argv, "-s");
        strvec_push(argv, "-S");
    }
    if (q->extra)
        strvec_extend(argv, q->extra);
}

int qemu_debug_exit_value(int status)
{
    if (status < 3 || status > 255 || !(status & 1))
        return -1;
    return status >> 1;
}
