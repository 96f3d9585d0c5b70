/* output.h: an output file that appears whole or not at all. It is written as a
 * temporary file beside the final path, then renamed over it; on any error, signal or
 * early exit the temporary file is removed and an existing output is left untouched. */
#ifndef TOOL_OUTPUT_H
#define TOOL_OUTPUT_H

#include <stdint.h>

struct output {
    char *path; /* the final path */
    char *temp; /* beside it, same file system, so that rename() is atomic */
    int fd;
};

/* Checks that `path` can be written (its folder exists, it is not a folder) and creates
 * the temporary file, registered with cleanup.c. */
int output_begin(struct output *o, const char *path);
/* Gives the file the usual mode (0666 less the umask), flushes it to the disk when it
 * replaces an existing file, renames it over the final path. */
int output_commit(struct output *o);
/* Removes the temporary file (also what an exit or a signal does). */
void output_abort(struct output *o);

/* Fails when `path` would replace `input` (the same file), naming `what` it is. */
int output_not_input(const char *path, const char *input, const char *what);

#endif /* TOOL_OUTPUT_H */
