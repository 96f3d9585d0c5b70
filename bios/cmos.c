/* cmos.c: the real-time clock (MC146818 registers, as PC chipsets keep them) as Unix
 * seconds, read as UTC (docs/protocol.md: boot_time). */
#include <stdbool.h>

#include "bios.h"
#include "stage2.h"
#include "util.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define REG_A_UPDATING 0x80 /* update in progress: the time registers are changing */
#define REG_B_24H 0x02
#define REG_B_BINARY 0x04
#define REG_CENTURY 0x32    /* where PC BIOSes keep it (ACPI FADT CENTURY, usually) */

struct rtc {
    uint8_t second, minute, hour, day, month, year, century;
};

static uint8_t cmos(uint8_t reg)
{
    outb(CMOS_INDEX, reg);
    return inb(CMOS_DATA);
}

static void read_rtc(struct rtc *t)
{
    for (uint32_t spins = 0; spins < 1000000 && (cmos(0x0a) & REG_A_UPDATING); spins++)
        ;
    t->second = cmos(0x00);
    t->minute = cmos(0x02);
    t->hour = cmos(0x04);
    t->day = cmos(0x07);
    t->month = cmos(0x08);
    t->year = cmos(0x09);
    t->century = cmos(REG_CENTURY);
}

static bool same(const struct rtc *a, const struct rtc *b)
{
    return a->second == b->second && a->minute == b->minute && a->hour == b->hour &&
           a->day == b->day && a->month == b->month && a->year == b->year;
}

static uint32_t from_bcd(uint8_t v)
{
    return (v & 0x0f) + (v >> 4) * 10u;
}

uint64_t cmos_read_time(void)
{
    struct rtc a, b;
    read_rtc(&a);
    for (int tries = 0; tries < 5; tries++) { /* two equal reads: no update between */
        read_rtc(&b);
        if (same(&a, &b))
            break;
        a = b;
    }
    uint8_t reg_b = cmos(0x0b);
    bool pm = (a.hour & 0x80) != 0;
    uint32_t hour = a.hour & 0x7f, minute = a.minute, second = a.second, day = a.day,
             month = a.month, year = a.year, century = a.century;
    if (!(reg_b & REG_B_BINARY)) {
        hour = from_bcd((uint8_t)hour);
        minute = from_bcd((uint8_t)minute);
        second = from_bcd((uint8_t)second);
        day = from_bcd((uint8_t)day);
        month = from_bcd((uint8_t)month);
        year = from_bcd((uint8_t)year);
        century = from_bcd((uint8_t)century);
    }
    if (!(reg_b & REG_B_24H)) { /* 12-hour clock: 12 AM is 0, 12 PM is 12 */
        hour %= 12;
        if (pm)
            hour += 12;
    }
    if (century < 19 || century > 21) /* no century register: assume 20xx */
        century = 20;
    year += century * 100;
    uint64_t seconds = eb_unix_time(year, month, day, hour, minute, second);
    if (!seconds) {
        say("clock: the CMOS clock reads nonsense, boot_time will be 0");
        return 0;
    }
    say("clock: %u-%02u-%02u %02u:%02u:%02u (CMOS, taken as UTC)", (unsigned)year,
        (unsigned)month, (unsigned)day, (unsigned)hour, (unsigned)minute, (unsigned)second);
    return seconds;
}
