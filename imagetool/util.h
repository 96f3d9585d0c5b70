/* util.h: messages, memory and file helpers shared by every command of the tool. */
#ifndef TOOL_UTIL_H
#define TOOL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PRINTF_LIKE(a, b) __attribute__((format(printf, a, b)))

/* The command being run ("build", "run", ...): messages start "elfboot build: ". */
extern const char *g_command;

/* "elfboot CMD: message" on stderr; fail() returns -1 so that `return fail(...)` reads. */
int fail(const char *fmt, ...) PRINTF_LIKE(1, 2);
void warn(const char *fmt, ...) PRINTF_LIKE(1, 2);
void note(const char *fmt, ...) PRINTF_LIKE(1, 2);
__attribute__((noreturn)) void die(const char *fmt, ...) PRINTF_LIKE(1, 2);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
char *xvasprintf(const char *fmt, va_list ap) PRINTF_LIKE(1, 0);

/* A whole file in memory. */
struct blob {
    uint8_t *data;
    size_t size;
};

/* What tells a file's contents apart without reading them again: a file written in
 * place gets a new mtime and ctime, one renamed over it another inode. */
struct file_stamp {
    uint64_t dev, ino, size;
    int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
};

/* Opens `path` for reading (a regular file; `what` names it in errors: "kernel",
 * "module", ...) and stamps it; returns the descriptor, or -1 with a message. */
int open_input(const char *path, const char *what, struct file_stamp *stamp);
/* Whether `path` still holds the file `stamp` was taken of. */
bool file_unchanged(const char *path, const struct file_stamp *stamp);

/* Reads `path` whole; stamps it when `stamp` is not NULL. */
int read_file(const char *path, const char *what, struct blob *out, struct file_stamp *stamp);
void blob_free(struct blob *b);

/* A growable NULL-terminated list of strings (argv for children, lists of settings). */
struct strvec {
    char **v;
    size_t n, cap;
};
void strvec_push(struct strvec *sv, const char *s);        /* copies s */
void strvec_pushf(struct strvec *sv, const char *fmt, ...) PRINTF_LIKE(2, 3);
void strvec_extend(struct strvec *sv, const struct strvec *more);
void strvec_free(struct strvec *sv);
/* Splits `text` on blanks into words ("a b  c" -> a, b, c); no quoting. */
void strvec_split(struct strvec *sv, const char *text);

/* The last path component ("a/b/c.elf" -> "c.elf"), pointing into `path`. */
const char *path_base(const char *path);
/* The folder of `path` ("a/b/c" -> "a/b", "c" -> "."), malloc'd. */
char *path_dir(const char *path);
/* The nearest file `name` in the folder of `path` or above it, malloc'd; NULL if none. */
char *find_upwards(const char *path, const char *name);
bool is_dir(const char *path);
bool is_file(const char *path);

/* Where `name` is found in PATH (or itself when it holds a '/'), malloc'd; NULL if not
 * found or not executable. */
char *program_path(const char *name);
bool program_in_path(const char *name);

/* Parses a decimal or 0x-hex unsigned number that fills the whole string. */
bool parse_u64(const char *s, uint64_t *out);
/* Parses "WxH" into width and height (each 1..16384). */
bool parse_resolution(const char *s, uint32_t *w, uint32_t *h);

#endif /* TOOL_UTIL_H */
