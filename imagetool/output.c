/* output.c: atomic output files (output.h). */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "util.h"

int output_begin(struct output *o, const char *path)
{
    o->path = o->temp = NULL;
    o->fd = -1;
    if (!*path)
        return fail("the output path is empty");
    if (is_dir(path))
        return fail("cannot write '%s': it is a folder", path);
    char *dir = path_dir(path);
    if (!is_dir(dir)) {
        fail("cannot write '%s': folder '%s' does not exist", path, dir);
        free(dir);
        return -1;
    }
    char *temp = xasprintf("%s/.%s.elfboot-XXXXXX", dir, path_base(path));
    free(dir);
    cleanup_block_signals(); /* create and register as one step */
    int fd = mkstemp(temp);
    if (fd >= 0 && cleanup_add_file(temp) < 0) {
        unlink(temp);
        close(fd);
        fd = -1, errno = ENAMETOOLONG;
    }
    cleanup_unblock_signals();
    if (fd < 0) {
        int e = errno;
        free(temp);
        return fail("cannot write '%s': %s", path, strerror(e));
    }
    o->path = xstrdup(path);
    o->temp = temp;
    o->fd = fd;
    char *note = xasprintf(access(path, F_OK) == 0
                               ? "elfboot: interrupted: '%s' left as it was, no temporary file left"
                               : "elfboot: interrupted: no image written to '%s', no temporary file left",
                           path);
    cleanup_set_interrupt_note(note);
    free(note);
    return 0;
}

int output_commit(struct output *o)
{
    mode_t mask = umask(0);
    umask(mask);
    /* Synced only when it replaces a file: a power loss just after the rename must not
     * lose the old image along with the new one. A new file is like any other just
     * written (cp, ld and cargo do not sync): fsync of an 80 MB image took 30 to 50 ms
     * here, more than cp of it. */
    struct stat st;
    bool replaces = lstat(o->path, &st) == 0;
    if (fchmod(o->fd, 0666 & ~mask) < 0 || (replaces && fsync(o->fd) < 0)) {
        fail("cannot write '%s': %s", o->path, strerror(errno));
        output_abort(o);
        return -1;
    }
    close(o->fd);
    o->fd = -1;
    cleanup_block_signals(); /* a signal now must not remove what rename() placed */
    int rc = rename(o->temp, o->path);
    int e = errno;
    if (rc == 0)
        cleanup_forget(o->temp);
    cleanup_unblock_signals();
    cleanup_set_interrupt_note(NULL);
    if (rc < 0) {
        fail("cannot write '%s': %s", o->path, strerror(e));
        output_abort(o);
        return -1;
    }
    free(o->temp), free(o->path);
    o->temp = o->path = NULL;
    return 0;
}

void output_abort(struct output *o)
{
    if (o->fd >= 0)
        close(o->fd);
    if (o->temp) {
        unlink(o->temp);
        cleanup_forget(o->temp);
    }
    cleanup_set_interrupt_note(NULL);
    free(o->temp), free(o->path);
    o->temp = o->path = NULL;
    o->fd = -1;
}

int output_not_input(const char *path, const char *input, const char *what)
{
    struct stat a, b;
    if (input && stat(path, &a) == 0 && stat(input, &b) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino)
        return fail("the output '%s' is the %s '%s': refusing to overwrite it", path, what,
                    input);
    return 0;
}
