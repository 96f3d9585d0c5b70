/* accel.c: --accel auto. The probe boots a 512-byte disk whose boot sector exits QEMU at
 * once through isa-debug-exit, under KVM, with a time limit: SeaBIOS reaches it in about
 * 0.15 s under TCG, faster under a working KVM, about 4 s under the nested KVM of these
 * machines. The verdict is cached per QEMU binary and host kernel. */
#include "accel.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "disklabel.h"
#include "image.h"
#include "qemu.h"
#include "spawn.h"

#define PROBE_LIMIT_MS 3000u /* a KVM slower than this at the probe is no help */
#define PROBE_GOOD_MS 1000u  /* TCG itself takes ~150 ms; KVM must beat this */

/* mov al, 0x10; out 0xf4, al; then hlt forever: exits QEMU with status 33. */
static const uint8_t probe_code[] = {0xB0, 0x10, 0xE6, 0xF4, 0xF4, 0xEB, 0xFD};

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

/* What the verdict depends on: the QEMU binary (path, size, time) and the host kernel. */
static char *cache_key(void)
{
    struct utsname u;
    struct stat st = {0};
    const char *qemu = qemu_binary();
    char *path = program_path(qemu);
    stat(path ? path : qemu, &st);
    uname(&u);
    char *key = xasprintf("%s %lld %lld %s %s", path ? path : qemu, (long long)st.st_size,
                          (long long)st.st_mtime, u.release, kvm_device());
    free(path);
    return key;
}

static const char *cached_verdict(const char *key, char detail[256])
{
    char *path = cache_path();
    FILE *f = path ? fopen(path, "r") : NULL;
    free(path);
    if (!f)
        return NULL;
    char line[1024], verdict[8] = "";
    const char *result = NULL;
    if (fgets(line, sizeof line, f) && !strncmp(line, key, strlen(key)) &&
        line[strlen(key)] == '\t' &&
        sscanf(line + strlen(key) + 1, "%7s %255[^\n]", verdict, detail) >= 1)
        result = !strcmp(verdict, "kvm") ? "kvm" : !strcmp(verdict, "tcg") ? "tcg" : NULL;
    fclose(f);
    return result;
}

static void save_verdict(const char *key, const char *verdict, const char *detail)
{
    char *path = cache_path();
    if (!path)
        return;
    char *dir = path_dir(path), *parent = path_dir(dir);
    mkdir(parent, 0755);
    mkdir(dir, 0755);
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%s\t%s %s\n", key, verdict, detail);
        fclose(f);
    }
    free(parent), free(dir), free(path);
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Boots the probe disk under KVM; returns the milliseconds it took, or 0 if it failed. */
static uint64_t probe_kvm(char *detail, size_t n)
{
    struct staging s;
    if (staging_create(&s))
        return 0;
    uint8_t mbr[SECTOR_SIZE] = {0};
    memcpy(mbr, probe_code, sizeof probe_code);
    mbr[510] = 0x55, mbr[511] = 0xAA;
    char *disk = staging_file(&s, "probe.img", mbr, sizeof mbr);
    uint64_t took = 0;
    if (disk) {
        struct strvec argv = {0};
        strvec_push(&argv, qemu_binary());
        const char *args[] = {"-machine", "pc", "-accel", "kvm", "-m", "32M", "-display",
                              "none", "-monitor", "none", "-serial", "none", "-nic", "none",
                              "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"};
        for (size_t i = 0; i < sizeof args / sizeof args[0]; i++)
            strvec_push(&argv, args[i]);
        strvec_push(&argv, "-drive");
        strvec_pushf(&argv, "file=%s,format=raw,if=ide", disk);
        int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
        struct spawn_opts o = {NULL, -1, devnull, devnull};
        uint64_t start = now_ms();
        pid_t pid = spawn_start(argv.v, &o);
        int status = pid < 0 ? -1 : spawn_wait(pid, PROBE_LIMIT_MS);
        took = now_ms() - start;
        if (devnull >= 0)
            close(devnull);
        if (status == -2)
            snprintf(detail, n, "KVM did not finish a 512-byte test boot in %u ms (TCG takes "
                     "about 150 ms)", PROBE_LIMIT_MS);
        else if (status != 33)
            snprintf(detail, n, "QEMU under KVM failed the test boot (status %d)", status);
        else
            snprintf(detail, n, "KVM finished a 512-byte test boot in %llu ms",
                     (unsigned long long)took);
        if (status != 33)
            took = 0;
        strvec_free(&argv);
        free(disk);
    }
    staging_remove(&s);
    return took;
}

const char *accel_resolve(const char *wanted)
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

    char detail[256] = "", *key = cache_key();
    const char *verdict = cached_verdict(key, detail);
    bool cached = verdict != NULL;
    if (!verdict) {
        uint64_t ms = probe_kvm(detail, sizeof detail);
        verdict = ms && ms <= PROBE_GOOD_MS ? "kvm" : "tcg";
        save_verdict(key, verdict, detail);
    }
    free(key);
    note("--accel auto: using %s: %s%s", verdict, detail,
         cached ? " (cached; delete ~/.cache/elfboot/accel-probe to probe again)" : "");
    return verdict;
}
