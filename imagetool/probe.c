/* probe.c: the test boots of --accel auto (probe.h). */
#include "probe.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "image.h"
#include "loaders.h"
#include "messages.h"
#include "spawn.h"
#include "vm.h"

/* Under TCG, on these machines: SeaBIOS reaches a boot sector in about 0.15 s, OVMF our
 * loader in 4.5 to 6 s (DESIGN.md). A KVM that is no quicker is no help. */
static const struct probe_limits limits[] = {
    [FIRMWARE_BIOS] = {"a SeaBIOS test boot (a 512-byte boot sector)", 3000, 1000, 150},
    [FIRMWARE_UEFI] = {"an OVMF test boot (to the elfboot loader)", 8000, 3000, 4500},
};

#define PROBE_MARKER_SEEN (-3) /* watch(): the serial line the probe waits for came */

/* mov al, 0x10; out 0xf4, al; then hlt forever: exits QEMU with status 33. */
static const uint8_t probe_code[] = {0xB0, 0x10, 0xE6, 0xF4, 0xF4, 0xEB, 0xFD};

const struct probe_limits *probe_limits(enum firmware firmware)
{
    return &limits[firmware];
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* SeaBIOS boots the first disk: one sector, the probe code and the boot signature. */
static int bios_disk(struct staging *s, struct strvec *argv)
{
    uint8_t mbr[512] = {0};
    memcpy(mbr, probe_code, sizeof probe_code);
    mbr[510] = 0x55, mbr[511] = 0xAA;
    char *disk = staging_file(s, "probe.img", mbr, sizeof mbr);
    if (!disk)
        return -1;
    strvec_push(argv, "-drive");
    strvec_pushf(argv, "file=%s,format=raw,if=ide", disk);
    free(disk);
    return 0;
}

/* OVMF with a copy of its variables, and a FAT disk that QEMU makes of a folder holding
 * only EFI/BOOT/BOOTX64.EFI (vvfat, read-only: nothing to format, nothing written). */
static int uefi_disk(struct staging *s, const struct probe_target *t, struct strvec *argv)
{
    char *efi = NULL, *vars = NULL;
    int rc = -1;
    if (loaders_check(IMAGE_UEFI) || staging_subdir(s, "esp") || staging_subdir(s, "esp/EFI") ||
        staging_subdir(s, "esp/EFI/BOOT") ||
        !(efi = staging_file(s, "esp/EFI/BOOT/BOOTX64.EFI", loader_uefi_data, loader_uefi_size)) ||
        vm_vars_copy(s, t->ovmf_vars, &vars))
        goto out;
    strvec_push(argv, "-drive");
    strvec_pushf(argv, "if=pflash,format=raw,readonly=on,file=%s", t->ovmf_code);
    strvec_push(argv, "-drive");
    strvec_pushf(argv, "if=pflash,format=raw,file=%s", vars);
    strvec_push(argv, "-drive");
    strvec_pushf(argv, "file=fat:%s/esp,format=raw,if=virtio,readonly=on", s->dir);
    rc = 0;
out:
    free(efi), free(vars);
    return rc;
}

/* Reads QEMU's serial output (fd) until `marker` comes (when given), QEMU exits, or
 * `deadline`. Returns PROBE_MARKER_SEEN, QEMU's exit status, or -2 for the deadline;
 * QEMU is stopped in every case; *end_ms is when the probe ended. */
static int watch(pid_t pid, int fd, const char *marker, uint64_t deadline, uint64_t *end_ms)
{
    char window[512];
    size_t have = 0, keep = marker ? strlen(marker) - 1 : 0;
    for (uint64_t now; (now = now_ms()) < deadline;) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, (int)(deadline - now)) <= 0)
            continue; /* the deadline, or a signal: the loop looks at the time */
        ssize_t n = read(fd, window + have, sizeof window - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) { /* QEMU closed its output: it exited */
            *end_ms = now_ms();
            return spawn_wait(pid, (unsigned)(deadline > *end_ms ? deadline - *end_ms : 1));
        }
        have += (size_t)n;
        if (marker && memmem(window, have, marker, keep + 1)) {
            *end_ms = now_ms();
            spawn_wait(pid, 1); /* stops it: the loader halts, QEMU would run on */
            return PROBE_MARKER_SEEN;
        }
        if (have > keep) { /* keep a tail that may hold the marker's start */
            memmove(window, window + have - keep, keep);
            have = keep;
        }
    }
    *end_ms = now_ms();
    spawn_wait(pid, 1);
    return -2;
}

/* Runs argv with its serial output on a pipe; fills ms and detail. */
static void run(char *const *argv, const char *marker, const struct probe_limits *l,
                uint64_t *ms, char *detail, size_t n)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0) {
        snprintf(detail, n, "no test boot: cannot create a pipe: %s", strerror(errno));
        return;
    }
    int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    struct spawn_opts o = {NULL, -1, p[1], devnull};
    uint64_t start = now_ms(), end = start;
    pid_t pid = spawn_start(argv, &o);
    close(p[1]);
    if (devnull >= 0)
        close(devnull);
    int how = pid < 0 ? -1 : watch(pid, p[0], marker, start + l->limit_ms, &end);
    close(p[0]);
    if (how == PROBE_MARKER_SEEN || (!marker && how == 33)) {
        *ms = end > start ? end - start : 1;
        snprintf(detail, n, "KVM finished %s in %llu ms", l->what, (unsigned long long)*ms);
    } else if (how == -2) {
        snprintf(detail, n, "KVM did not finish %s in %u ms", l->what, l->limit_ms);
    } else if (how == -1) {
        snprintf(detail, n, "QEMU could not start %s", l->what);
    } else {
        snprintf(detail, n, "QEMU under KVM failed %s (status %d)", l->what, how);
    }
}

int probe_kvm(const struct probe_target *t, uint64_t *ms, char *detail, size_t n)
{
    struct staging s;
    struct strvec argv = {0};
    *ms = 0;
    if (staging_create(&s))
        return -1;
    const char *args[] = {"-machine", "pc", "-accel", "kvm", "-m", "128M", "-display", "none",
                          "-monitor", "none", "-serial", "stdio", "-nic", "none", "-no-reboot",
                          "-device", "isa-debug-exit,iobase=" DEBUG_EXIT_PORT ",iosize=0x04"};
    strvec_push(&argv, qemu_binary());
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++)
        strvec_push(&argv, args[i]);
    bool uefi = t->firmware == FIRMWARE_UEFI;
    int rc = uefi ? uefi_disk(&s, t, &argv) : bios_disk(&s, &argv);
    if (!rc)
        run(argv.v, uefi ? EB_MSG_STOPPED : NULL, probe_limits(t->firmware), ms, detail, n);
    strvec_free(&argv);
    staging_remove(&s);
    return rc;
}
