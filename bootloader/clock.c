/* clock.c: calendar time to Unix seconds, for boot_time on both firmwares. 32-bit
 * arithmetic but for the last multiplication: BIOS stage 2 builds this file -m32, where
 * 64-bit division would need libgcc. */
#include "util.h"

uint64_t eb_unix_time(uint32_t year, uint32_t month, uint32_t day, uint32_t hour,
                      uint32_t minute, uint32_t second)
{
    if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 ||
        hour > 23 || minute > 59 || second > 60)
        return 0;
    /* Count years from 1 March, so that a leap day is the last day of its year; then the
     * days before each month follow (153 * m + 2) / 5 (the "days from civil" method). */
    uint32_t y = year - (month <= 2);
    uint32_t m = month <= 2 ? month + 9 : month - 3;
    uint32_t days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1;
    days -= 719468; /* 0000-03-01 to 1970-01-01 */
    return (uint64_t)days * 86400 + hour * 3600 + minute * 60 + second;
}
