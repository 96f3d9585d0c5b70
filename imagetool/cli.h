/* cli.h: the commands, and the options several of them share. */
#ifndef TOOL_CLI_H
#define TOOL_CLI_H

#include <getopt.h>
#include <stdint.h>

#include "inputs.h"

/* Exit statuses shared by every command. */
#define EXIT_OK 0
#define EXIT_FAILED 1 /* the work failed: the kernel would not boot, a file is missing */
#define EXIT_USAGE 2  /* the command line is wrong */

/* Each command takes argv with argv[0] = its name, and returns the exit status. */
int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_runner(int argc, char **argv);

/* The help text of a command (help.c); NULL for an unknown name. */
const char *command_help(const char *name);
void print_usage(void);

/* Option codes for getopt_long beyond single letters. */
enum {
    OPT_CMDLINE = 256, OPT_MODULE, OPT_RESOLUTION, OPT_CONFIG, OPT_SIZE, OPT_HYBRID, OPT_BIOS,
    OPT_UEFI, OPT_ISO, OPT_MEMORY, OPT_ACCEL, OPT_GDB, OPT_TEST, OPT_TIMEOUT, OPT_QUIET,
    OPT_SUCCESS_CODE, OPT_HELP, OPT_VERBOSE,
};

/* Option table entries several commands share. */
#define FIRMWARE_OPTIONS                                                                \
    {"bios", no_argument, NULL, OPT_BIOS}, {"uefi", no_argument, NULL, OPT_UEFI}
#define KERNEL_INPUT_OPTIONS                                                            \
    {"cmdline", required_argument, NULL, OPT_CMDLINE},                                  \
        {"module", required_argument, NULL, OPT_MODULE}
#define BOOT_OPTIONS                                                                    \
    {"memory", required_argument, NULL, OPT_MEMORY},                                    \
        {"accel", required_argument, NULL, OPT_ACCEL}
#define COMMON_OPTIONS                                                                  \
    {"help", no_argument, NULL, 'h'}, { NULL, 0, NULL, 0 }

/* What the image options (--cmdline, --module, --resolution) of build, run and runner
 * share: applies `opt` to `spec`. Returns 0 when handled, 1 when not an image option,
 * -1 on a bad value (message printed). */
int image_option(int opt, const char *arg, struct image_spec *spec);

/* A size like "512M", "2G", "1048576K", or a plain number of MiB, as MiB. */
int parse_mib(const char *what, const char *arg, uint64_t *mib);

/* Splits argv at the first "--": returns its index, or argc when there is none. */
int find_double_dash(int argc, char **argv);

/* Prints the help of the current command on stdout; returns 0 (for -h, --help). */
int print_help(void);

/* Prints "elfboot CMD: MESSAGE" and the hint to run `elfboot help CMD`; returns 2. */
int usage_error(const char *fmt, ...) PRINTF_LIKE(1, 2);

#endif /* TOOL_CLI_H */
