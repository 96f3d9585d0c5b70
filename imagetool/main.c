/* main.c: `elfboot COMMAND ...`: finds the command and hands it the rest of argv. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cleanup.h"
#include "cli.h"

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        print_usage();
        return EXIT_OK;
    }
    bool self = !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h");
    const char *text = command_help(self ? "help" : argv[1]);
    if (!text) {
        fprintf(stderr, "elfboot help: no command '%s' (build, check, run, runner)\n", argv[1]);
        return EXIT_USAGE;
    }
    fputs(text, stdout);
    return EXIT_OK;
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"build", cmd_build}, {"check", cmd_check}, {"run", cmd_run},
    {"runner", cmd_runner}, {"help", cmd_help},
};

int main(int argc, char **argv)
{
    cleanup_install();
    if (argc < 2) {
        print_usage();
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("elfboot " ELFBOOT_VERSION "\n");
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        print_usage();
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            g_command = commands[i].name;
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "elfboot: no command '%s' (try 'elfboot help')\n", argv[1]);
    return EXIT_USAGE;
}
