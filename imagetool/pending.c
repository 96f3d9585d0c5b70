/* pending.c: commands not written yet. */
#include "cli.h"

int cmd_check(int argc, char **argv) { (void)argc, (void)argv; return fail("not available yet"), 1; }
int cmd_run(int argc, char **argv) { (void)argc, (void)argv; return fail("not available yet"), 1; }
int cmd_runner(int argc, char **argv) { (void)argc, (void)argv; return fail("not available yet"), 1; }
