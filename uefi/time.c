/* time.c: boot_time, the firmware clock as seconds since 1970-01-01 UTC. */
#include "uefi.h"

/* Days from 1970-01-01 to year-month-day in the proleptic Gregorian calendar: count in
 * years that start on 1 March, so that the leap day is the last day of its year. */
static int64_t days_from_civil(int64_t year, int month, int day)
{
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t year_of_era = year - era * 400;                          /* 0 .. 399 */
    int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468; /* 719468: 0000-03-01 to 1970-01-01 */
}

int64_t uefi_unix_seconds(int year, int month, int day, int hour, int minute, int second)
{
    return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

uint64_t uefi_boot_time(void)
{
    EFI_TIME t;
    EFI_STATUS status = uefi_st->RuntimeServices->GetTime(&t, NULL);
    if (EFI_ERROR(status)) {
        uefi_log("time: the firmware clock cannot be read (%s); boot_time 0",
                 uefi_status_text(status));
        return 0;
    }
    if (t.Month < 1 || t.Month > 12 || t.Day < 1 || t.Day > 31 || t.Hour > 23 ||
        t.Minute > 59 || t.Second > 59 || t.Year < 1970) {
        uefi_log("time: the firmware clock reads nonsense (%u-%u-%u %u:%u:%u); boot_time 0",
                 t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second);
        return 0;
    }
    int64_t seconds = uefi_unix_seconds(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second);
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
