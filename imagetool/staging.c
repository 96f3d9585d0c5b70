/* staging.c: a temporary folder holding what an image is made from under the names it
 * gets there: the files that exist only in memory (the generated config, the embedded
 * loader), and links to the user's files (the kernel, the modules), which mtools then
 * reads where they are; inputs_unchanged() checks that they are still what was read. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "image.h"

int staging_create(struct staging *s)
{
    memset(s, 0, sizeof *s);
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/elfboot-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    cleanup_block_signals();
    char *made = mkdtemp(dir);
    if (made && cleanup_add_dir(made) < 0) {
        rmdir(made);
        made = NULL;
    }
    cleanup_unblock_signals();
    if (!made) {
        fail("cannot create a temporary folder in '%s': %s", tmp && *tmp ? tmp : "/tmp",
             strerror(errno));
        free(dir);
        return -1;
    }
    s->dir = dir;
    return 0;
}

static int track(struct staging *s, const char *path, int is_dir)
{
    if ((is_dir ? cleanup_add_dir(path) : cleanup_add_file(path)) < 0)
        return fail("too many temporary files");
    strvec_push(&s->paths, path);
    return 0;
}

int staging_subdir(struct staging *s, const char *rel)
{
    char *path = xasprintf("%s/%s", s->dir, rel);
    cleanup_block_signals();
    int rc = mkdir(path, 0700) < 0 ? fail("cannot create '%s': %s", path, strerror(errno))
                                   : track(s, path, 1);
    cleanup_unblock_signals();
    free(path);
    return rc;
}

char *staging_file(struct staging *s, const char *rel, const void *data, uint64_t size)
{
    char *path = xasprintf("%s/%s", s->dir, rel);
    cleanup_block_signals();
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int rc = fd < 0 ? -1 : track(s, path, 0);
    cleanup_unblock_signals();
    const uint8_t *p = data;
    uint64_t left = size;
    while (rc == 0 && left) {
        ssize_t n = write(fd, p, left > (1u << 30) ? (1u << 30) : left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            rc = -1;
        else
            p += n, left -= (uint64_t)n;
    }
    if (fd >= 0 && close(fd) < 0)
        rc = -1;
    if (rc) {
        fail("cannot write temporary file '%s': %s", path, strerror(errno));
        free(path);
        return NULL;
    }
    return path;
}

char *staging_link(struct staging *s, const char *rel, const char *target)
{
    char *path = xasprintf("%s/%s", s->dir, rel), *cwd = NULL;
    if (target[0] != '/' && !(cwd = getcwd(NULL, 0))) {
        fail("cannot find the current folder: %s", strerror(errno));
        free(path);
        return NULL;
    }
    char *abs = cwd ? xasprintf("%s/%s", cwd, target) : xstrdup(target);
    cleanup_block_signals();
    int rc = symlink(abs, path) < 0 ? -1 : track(s, path, 0);
    cleanup_unblock_signals();
    if (rc)
        fail("cannot create '%s': %s", path, strerror(errno));
    free(cwd), free(abs);
    if (rc) {
        free(path);
        return NULL;
    }
    return path;
}

char *staging_reserve(struct staging *s, const char *rel)
{
    char *path = xasprintf("%s/%s", s->dir, rel);
    cleanup_block_signals();
    int rc = track(s, path, 0);
    cleanup_unblock_signals();
    if (rc) {
        free(path);
        return NULL;
    }
    return path;
}

void staging_remove(struct staging *s)
{
    for (size_t i = s->paths.n; i-- > 0;) {
        if (rmdir(s->paths.v[i]) < 0)
            unlink(s->paths.v[i]);
        cleanup_forget(s->paths.v[i]);
    }
    if (s->dir) {
        rmdir(s->dir);
        cleanup_forget(s->dir);
    }
    strvec_free(&s->paths);
    free(s->dir);
    s->dir = NULL;
}
