/* time.c: boot_time, the firmware clock as seconds since 1970-01-01 UTC. */
#include "uefi.h"

uint64_t uefi_boot_time(void)
{
    EFI_TIME t;
    EFI_STATUS status = uefi_st->RuntimeServices->GetTime(&t, NULL);
    if (EFI_ERROR(status)) {
        uefi_log("time: the firmware clock cannot be read (%s); boot_time 0",
                 uefi_status_text(status));
        return 0;
    }
    int64_t seconds = (int64_t)eb_unix_time(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second);
    if (!seconds) {
        uefi_log("time: the firmware clock reads nonsense (%u-%u-%u %u:%u:%u); boot_time 0",
                 t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second);
        return 0;
    }
    /* UEFI 2.10, 8.3.1: "Localtime = UTC - TimeZone" (minutes), so UTC = local +
     * TimeZone. EFI_UNSPECIFIED_TIMEZONE: the clock names no zone; we read it as UTC,
     * which is what QEMU's and most hypervisors' clocks hold. */
    if (t.TimeZone != EFI_UNSPECIFIED_TIMEZONE && t.TimeZone >= -1440 && t.TimeZone <= 1440)
        seconds += (int64_t)t.TimeZone * 60;
    if (seconds < 0)
        return 0;
    uefi_log("time: %04u-%02u-%02u %02u:%02u:%02u%s, boot_time %llu", t.Year, t.Month,
             t.Day, t.Hour, t.Minute, t.Second,
             t.TimeZone == EFI_UNSPECIFIED_TIMEZONE ? " (no time zone: read as UTC)" : "",
             (unsigned long long)seconds);
    return (uint64_t)seconds;
}
