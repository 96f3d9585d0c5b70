/* accel.c: --accel auto. KVM is taken for a firmware only when that firmware's test boot
 * (probe.c) finished under KVM well within what TCG takes. The verdict is cached per
 * firmware, QEMU binary, host kernel (and OVMF build), one line each in
 * ~/.cache/elfboot/accel-probe: "FIRMWARE<TAB>KEY<TAB>VERDICT DETAIL". */
#include "accel.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cleanup.h"
#include "probe.h"

static const char *const firmware_names[] = {[FIRMWARE_BIOS] = "bios", [FIRMWARE_UEFI] = "uefi"};

static const char *kvm_device(void)
{
    const char *d = getenv("ELFBOOT_KVM_DEVICE"); /* tests point it elsewhere */
    return d && *d ? d : "/dev/kvm";
}

static char *cache_path(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg)
        return xasprintf("%s/elfboot/accel-probe", xdg);
    if (home && *home)
        return xasprintf("%s/.cache/elfboot/accel-probe", home);
    return NULL;
}

/* "PATH SIZE MTIME" of a file, which changes when it is replaced or upgraded. */
static char *file_identity(const char *path)
{
    struct stat st = {0};
    stat(path, &st);
    return xasprintf("%s %lld %lld", path, (long long)st.st_size, (long long)st.st_mtime);
}

/* What the verdict depends on: "FIRMWARE\tKEY" with the QEMU binary, the host kernel,
 * the KVM device and, for UEFI, the OVMF code. */
static char *cache_key(const struct probe_target *t)
{
    struct utsname u;
    uname(&u);
    char *path = program_path(qemu_binary());
    char *qemu = file_identity(path ? path : qemu_binary());
    char *ovmf = t->firmware == FIRMWARE_UEFI ? file_identity(t->ovmf_code) : xstrdup("-");
    char *key = xasprintf("%s\t%s %s %s %s", firmware_names[t->firmware], qemu, u.release,
                          kvm_device(), ovmf);
    free(path), free(qemu), free(ovmf);
    return key;
}

/* The cache's lines, NULL when there is none. */
static char *read_cache(void)
{
    char *path = cache_path();
    struct blob b = {0};
    bool ok = path && is_file(path) && !read_file(path, "accel cache", &b, NULL);
    free(path);
    if (!ok)
        return NULL;
    char *text = strndup((const char *)b.data, b.size);
    blob_free(&b);
    return text;
}

static const char *cached_verdict(const char *key, char detail[256])
{
    char *text = read_cache(), *line, *rest = text;
    const char *result = NULL;
    size_t klen = strlen(key);
    while (!result && rest && (line = strsep(&rest, "\n"))) {
        char verdict[8] = "";
        if (!strncmp(line, key, klen) && line[klen] == '\t' &&
            sscanf(line + klen + 1, "%7s %255[^\n]", verdict, detail) >= 1)
            result = !strcmp(verdict, "kvm") ? "kvm" : !strcmp(verdict, "tcg") ? "tcg" : NULL;
    }
    free(text);
    return result;
}

/* Replaces the firmware's line, keeps the others; written beside and renamed, so that a
 * reader never sees half a file. */
static void save_verdict(const struct probe_target *t, const char *key, const char *verdict,
                         const char *detail)
{
    char *path = cache_path();
    if (!path)
        return;
    char *dir = path_dir(path), *parent = path_dir(dir), *tmp = xasprintf("%s.XXXXXX", path);
    char *old = read_cache(), *line, *rest = old;
    mkdir(parent, 0755);
    mkdir(dir, 0755);
    cleanup_block_signals();
    int fd = mkstemp(tmp);
    if (fd >= 0)
        cleanup_add_file(tmp);
    cleanup_unblock_signals();
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f) {
        size_t flen = strlen(firmware_names[t->firmware]);
        while (rest && (line = strsep(&rest, "\n")))
            if (*line && !(!strncmp(line, firmware_names[t->firmware], flen) && line[flen] == '\t'))
                fprintf(f, "%s\n", line);
        fprintf(f, "%s\t%s %s\n", key, verdict, detail);
        if (fclose(f) == 0)
            rename(tmp, path);
    } else if (fd >= 0) {
        close(fd);
    }
    unlink(tmp);
    cleanup_forget(tmp);
    free(old), free(tmp), free(parent), free(dir), free(path);
}

/* Probes; returns the verdict and says why in `detail`, or NULL (message printed). */
static const char *probe(const struct probe_target *t, char *detail, size_t n)
{
    const struct probe_limits *l = probe_limits(t->firmware);
    char facts[200];
    uint64_t ms;
    if (probe_kvm(t, &ms, facts, sizeof facts))
        return NULL;
    if (ms && ms <= l->good_ms) {
        snprintf(detail, n, "%s", facts);
        return "kvm";
    }
    if (ms)
        snprintf(detail, n, "%s, not under %u ms: no faster than TCG (about %u ms)", facts,
                 l->good_ms, l->tcg_ms);
    else
        snprintf(detail, n, "%s (TCG takes about %u ms)", facts, l->tcg_ms);
    return "tcg";
}

const char *accel_resolve(const char *wanted, const struct probe_target *t)
{
    if (!strcmp(wanted, "tcg"))
        return "tcg";
    int fd = open(kvm_device(), O_RDWR | O_CLOEXEC);
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (!strcmp(wanted, "kvm")) {
        if (fd < 0)
            return fail("--accel kvm: cannot open %s: %s", kvm_device(), strerror(e)), NULL;
        return "kvm";
    }
    if (strcmp(wanted, "auto"))
        return fail("--accel '%s': expected tcg, kvm or auto", wanted), NULL;
    if (fd < 0) {
        note("--accel auto: using tcg (%s: %s)", kvm_device(), strerror(e));
        return "tcg";
    }

    char detail[256] = "", *key = cache_key(t);
    const char *verdict = cached_verdict(key, detail);
    bool cached = verdict != NULL;
    if (!verdict && (verdict = probe(t, detail, sizeof detail)))
        save_verdict(t, key, verdict, detail);
    free(key);
    if (verdict)
        note("--accel auto: using %s: %s%s", verdict, detail,
             cached ? " (cached; delete ~/.cache/elfboot/accel-probe to probe again)" : "");
    return verdict;
}
