/* util.c: messages, memory and file helpers (util.h). */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *g_command;

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
    fprintf(stderr, "elfboot%s%s: %s", g_command ? " " : "", g_command ? g_command : "",
            kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
    return -1;
}

void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

void note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
    exit(EXIT_FAILURE); /* atexit cleanup (cleanup.c) removes temporary files */
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory (%zu bytes)", n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die("out of memory");
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory (%zu bytes)", n);
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

char *xvasprintf(const char *fmt, va_list ap)
{
    char *s;
    if (vasprintf(&s, fmt, ap) < 0)
        die("out of memory");
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

static void stamp_of(const struct stat *st, struct file_stamp *s)
{
    *s = (struct file_stamp){(uint64_t)st->st_dev, (uint64_t)st->st_ino, (uint64_t)st->st_size,
                             st->st_mtim.tv_sec, st->st_mtim.tv_nsec, st->st_ctim.tv_sec,
                             st->st_ctim.tv_nsec};
}

int open_input(const char *path, const char *what, struct file_stamp *stamp)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail("cannot open %s '%s': %s", what, path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return fail("%s '%s' is not a regular file", what, path);
    }
    stamp_of(&st, stamp);
    return fd;
}

bool file_unchanged(const char *path, const struct file_stamp *stamp)
{
    struct stat st;
    struct file_stamp now;
    if (stat(path, &st) < 0)
        return false;
    stamp_of(&st, &now);
    return !memcmp(&now, stamp, sizeof now);
}

int read_file(const char *path, const char *what, struct blob *out, struct file_stamp *stamp)
{
    out->data = NULL, out->size = 0;
    struct file_stamp st;
    int fd = open_input(path, what, &st);
    if (fd < 0)
        return -1;
    size_t size = (size_t)st.size, got = 0;
    uint8_t *data = xmalloc(size);
    while (got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            free(data);
            close(fd);
            return fail("cannot read %s '%s': %s", what, path,
                        n < 0 ? strerror(e) : "file shrank while reading");
        }
        got += (size_t)n;
    }
    close(fd);
    out->data = data, out->size = size;
    if (stamp)
        *stamp = st;
    return 0;
}

void blob_free(struct blob *b)
{
    free(b->data);
    b->data = NULL, b->size = 0;
}

void strvec_push(struct strvec *sv, const char *s)
{
    if (sv->n + 2 > sv->cap) {
        sv->cap = sv->cap ? sv->cap * 2 : 8;
        sv->v = xrealloc(sv->v, sv->cap * sizeof *sv->v);
    }
    sv->v[sv->n++] = xstrdup(s);
    sv->v[sv->n] = NULL;
}

void strvec_pushf(struct strvec *sv, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    strvec_push(sv, s);
    free(s);
}

void strvec_extend(struct strvec *sv, const struct strvec *more)
{
    for (size_t i = 0; i < more->n; i++)
        strvec_push(sv, more->v[i]);
}

void strvec_free(struct strvec *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL, sv->n = sv->cap = 0;
}

void strvec_split(struct strvec *sv, const char *text)
{
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        if (p > start) {
            char *word = strndup(start, (size_t)(p - start));
            if (!word)
                die("out of memory");
            strvec_push(sv, word);
            free(word);
        }
    }
}

const char *path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *path_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return strndup(path, (size_t)(slash - path));
}

char *find_upwards(const char *path, const char *name)
{
    char *d = path_dir(path);
    for (;;) {
        char *f = xasprintf("%s/%s", d, name);
        if (is_file(f)) {
            free(d);
            return f;
        }
        free(f);
        if (!strcmp(d, "/") || !strcmp(d, ".")) {
            free(d);
            return NULL;
        }
        char *up = path_dir(d);
        free(d);
        d = up;
    }
}

bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *program_path(const char *name)
{
    if (strchr(name, '/'))
        return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/bin:/bin";
    while (*path) {
        const char *end = strchr(path, ':');
        size_t len = end ? (size_t)(end - path) : strlen(path);
        char *full = xasprintf("%.*s/%s", (int)len, len ? path : ".", name);
        if (access(full, X_OK) == 0 && is_file(full))
            return full;
        free(full);
        path += len + (end ? 1 : 0);
    }
    return NULL;
}

bool program_in_path(const char *name)
{
    char *full = program_path(name);
    free(full);
    return full != NULL;
}

bool parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

bool parse_resolution(const char *s, uint32_t *w, uint32_t *h)
{
    unsigned long a, b;
    char x, tail;
    if (sscanf(s, "%lu%c%lu%c", &a, &x, &b, &tail) != 3 || (x != 'x' && x != 'X') ||
        a == 0 || b == 0 || a > 16384 || b > 16384 || s[0] < '0' || s[0] > '9' ||
        strpbrk(s, " \t+-"))
        return false;
    *w = (uint32_t)a, *h = (uint32_t)b;
    return true;
}
