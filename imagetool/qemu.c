/* qemu.c: QEMU command lines (qemu.h). */
#include "qemu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int qemu_check(void)
{
    const char *q = getenv("ELFBOOT_QEMU");
    char *path = program_path(qemu_binary());
    bool found = path != NULL;
    free(path);
    if (found)
        return 0;
    if (q && *q)
        return fail("cannot run QEMU '%s' (ELFBOOT_QEMU): %s", q,
                    strchr(q, '/') ? "no such executable file" : "not found in PATH");
    return fail("'" DEFAULT_QEMU "' not found in PATH: elfboot boots kernels in QEMU "
                "(Debian/Ubuntu: apt-get install qemu-system-x86), or set ELFBOOT_QEMU");
}

/* A file named by `var` replaces the default; a name that is not a file is an error. */
static int ovmf_override(const char *var, const char **file)
{
    const char *v = getenv(var);
    if (!v || !*v)
        return 0;
    struct stat st;
    if (stat(v, &st) < 0)
        return fail("%s names '%s': %s", var, v, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return fail("%s names '%s', which is not a file", var, v);
    *file = v;
    return 0;
}

int qemu_find_ovmf(const char **code, const char **vars)
{
    *code = *vars = NULL;
    for (size_t i = 0; i < sizeof ovmf_pairs / sizeof ovmf_pairs[0] && !*code; i++) {
        if (is_file(ovmf_pairs[i][0]) && is_file(ovmf_pairs[i][1]))
            *code = ovmf_pairs[i][0], *vars = ovmf_pairs[i][1];
    }
    if (ovmf_override("ELFBOOT_OVMF_CODE", code) || ovmf_override("ELFBOOT_OVMF_VARS", vars))
        return -1;
    if (!*code || !*vars)
        return fail("no OVMF firmware in /usr/share/OVMF (Debian/Ubuntu: apt-get install "
                    "ovmf): set ELFBOOT_OVMF_CODE and ELFBOOT_OVMF_VARS");
    return 0;
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
