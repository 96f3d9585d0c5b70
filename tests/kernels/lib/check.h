/* check.h: the test kernels' report. Each check prints one line on COM1,
 *     PASS name
 *     FAIL name: detail
 * and check_finish() prints the summary and leaves QEMU with 0x10 (all passed) or 0x11. */
#ifndef K_CHECK_H
#define K_CHECK_H

#include <stdbool.h>

#include "printf.h"

/* Prints the banner "== NAME ==" and remembers the name for the summary. */
void check_begin(const char *kernel_name);

/* Reports one check; `fmt` describes the failure and is printed only when !ok.
 * Returns ok, so that callers can skip what depends on it. */
bool check(bool ok, const char *name, const char *fmt, ...) K_PRINTF(3, 4);
void check_pass(const char *name);
void check_fail(const char *name, const char *fmt, ...) K_PRINTF(2, 3);

/* An indented line of context under the last check (values seen, a table row). */
void check_note(const char *fmt, ...) K_PRINTF(1, 2);

unsigned check_failures(void);

/* "SUMMARY NAME: N passed, M failed", then exits QEMU: pass when M is 0. */
__attribute__((noreturn)) void check_finish(void);
/* A failure that makes every later check meaningless: report it, then finish. */
__attribute__((noreturn)) void check_abort(const char *name, const char *fmt, ...) K_PRINTF(2, 3);

#endif /* K_CHECK_H */
