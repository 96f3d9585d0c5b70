/* check.c: PASS/FAIL lines, counts, and the exit code. */
#include "check.h"

#include <stdarg.h>

#include "exit.h"

static const char *kernel = "kernel";
static unsigned passed, failed;

void check_begin(const char *kernel_name)
{
    kernel = kernel_name;
    kprintf("== %s ==\n", kernel);
}

void check_pass(const char *name)
{
    passed++;
    kprintf("PASS %s\n", name);
}

static void vfail(const char *name, const char *fmt, va_list ap)
{
    failed++;
    kprintf("FAIL %s: ", name);
    kvprintf(fmt, ap);
    kprintf("\n");
}

void check_fail(const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(name, fmt, ap);
    va_end(ap);
}

bool check(bool ok, const char *name, const char *fmt, ...)
{
    if (ok) {
        check_pass(name);
    } else {
        va_list ap;
        va_start(ap, fmt);
        vfail(name, fmt, ap);
        va_end(ap);
    }
    return ok;
}

void check_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kprintf("    ");
    kvprintf(fmt, ap);
    kprintf("\n");
    va_end(ap);
}

unsigned check_failures(void)
{
    return failed;
}

void check_finish(void)
{
    kprintf("SUMMARY %s: %u passed, %u failed\n", kernel, passed, failed);
    qemu_exit(failed ? QEMU_EXIT_FAIL : QEMU_EXIT_PASS);
}

void check_abort(const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(name, fmt, ap);
    va_end(ap);
    kprintf("(aborting: the remaining checks depend on this one)\n");
    check_finish();
}
