/* log.c: one line a step, on the screen and on COM1; fatal errors, then halt.
 *
 * The screen is every text output of the firmware that is not itself a serial terminal:
 * OVMF (like most firmware) also mirrors its console to COM1 as a VT100 terminal, and
 * writing through ST->ConOut would print each line twice on the serial port, the second
 * time wrapped in escape sequences. We write COM1 ourselves (eb_serial_write), which also
 * keeps working after ExitBootServices, when no console is left.
 */
#include <stdarg.h>

#include "messages.h"
#include "serial.h"
#include "uefi.h"
#include "util.h"

#define MAX_SCREENS 8
#define LINE_MAX 320

static EFI_SIMPLE_TEXT_OUT_PROTOCOL *screens[MAX_SCREENS];
static UINTN screen_count;
static bool serial_on = true;   /* `serial = on` is the default until the config says */
static bool firmware_gone;

/* UEFI 2.10, 10.3.4.9: a UART node (messaging type 3, subtype 14) marks a serial port. */
static bool is_serial_terminal(EFI_HANDLE handle)
{
    EFI_GUID device_path_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;
    EFI_DEVICE_PATH_PROTOCOL *node;
    if (EFI_ERROR(uefi_bs->HandleProtocol(handle, &device_path_guid, (void **)&node)))
        return true; /* no device path: a virtual console such as the splitter itself */
    for (; !IsDevicePathEnd(node); node = NextDevicePathNode(node)) {
        if (DevicePathType(node) == MESSAGING_DEVICE_PATH &&
            DevicePathSubType(node) == MSG_UART_DP)
            return true;
        if ((size_t)DevicePathNodeLength(node) < sizeof(*node))
            return true; /* malformed: do not walk further */
    }
    return false;
}

static void find_screens(void)
{
    EFI_GUID text_out_guid = EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL_GUID;
    EFI_HANDLE *handles = NULL;
    UINTN count = 0;
    if (!EFI_ERROR(uefi_bs->LocateHandleBuffer(ByProtocol, &text_out_guid, NULL, &count,
                                               &handles))) {
        for (UINTN i = 0; i < count && screen_count < MAX_SCREENS; i++) {
            EFI_SIMPLE_TEXT_OUT_PROTOCOL *out;
            if (is_serial_terminal(handles[i]) ||
                EFI_ERROR(uefi_bs->HandleProtocol(handles[i], &text_out_guid, (void **)&out)))
                continue;
            screens[screen_count++] = out;
        }
        uefi_bs->FreePool(handles);
    }
}

void uefi_log_init(void)
{
    eb_serial_init();
    find_screens();
}

void uefi_log_set_serial(bool on)
{
    serial_on = on;
}

void uefi_log_firmware_gone(void)
{
    firmware_gone = true;
}

/* Console output takes UCS-2: convert in chunks, with CR LF line ends. */
static void screen_write(EFI_SIMPLE_TEXT_OUT_PROTOCOL **outs, UINTN count, const char *s)
{
    CHAR16 buf[128];
    UINTN n = 0;
    for (;; s++) {
        if (*s == '\n' || *s == '\0' || n >= EB_ARRAY_SIZE(buf) - 3) {
            if (*s == '\n') {
                buf[n++] = L'\r';
                buf[n++] = L'\n';
            }
            buf[n] = 0;
            for (UINTN i = 0; i < count; i++)
                outs[i]->OutputString(outs[i], buf);
            n = 0;
            if (*s == '\0')
                return;
            if (*s == '\n')
                continue;
        }
        buf[n++] = (unsigned char)*s < 0x80 ? (CHAR16)*s : L'?';
    }
}

static void emit(const char *line, bool force_serial)
{
    if (!firmware_gone && screen_count > 0)
        screen_write(screens, screen_count, line);
    /* A headless machine: the firmware's console is a serial terminal, most likely on
     * COM1, which we write ourselves; it only gets what COM1 would not. */
    else if (!firmware_gone && !serial_on && uefi_st->ConOut)
        screen_write(&uefi_st->ConOut, 1, line);
    if (serial_on || force_serial)
        eb_serial_write(line);
}

void uefi_log(const char *fmt, ...)
{
    char line[LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    size_t n = eb_vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (n > sizeof(line) - 2)
        n = sizeof(line) - 2;
    line[n] = '\n';
    line[n + 1] = '\0';
    emit(line, false);
}

/* Errors go to COM1 even with `serial = off`: a halted machine that says nothing on the
 * only output a headless user can see is the worst outcome. Halting (rather than
 * returning to the firmware) keeps the message visible: returning would boot the next
 * device and hide it. The watchdog is already off, so the firmware will not reset us. */
void uefi_fatal(const char *fmt, ...)
{
    char line[LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    size_t n = eb_snprintf(line, sizeof(line), EB_MSG_ERROR);
    eb_vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
    va_end(ap);
    n = strlen(line);
    line[n] = '\n';
    line[n + 1] = '\0';
    emit(line, true);
    emit(EB_MSG_STOPPED "\n", true);
    eb_halt();
}

const char *uefi_status_text(EFI_STATUS status)
{
    switch (status) {
    case EFI_SUCCESS: return "success";
    case EFI_LOAD_ERROR: return "load error";
    case EFI_INVALID_PARAMETER: return "invalid parameter";
    case EFI_UNSUPPORTED: return "unsupported";
    case EFI_BAD_BUFFER_SIZE: return "bad buffer size";
    case EFI_BUFFER_TOO_SMALL: return "buffer too small";
    case EFI_NOT_READY: return "not ready";
    case EFI_DEVICE_ERROR: return "device error";
    case EFI_WRITE_PROTECTED: return "write protected";
    case EFI_OUT_OF_RESOURCES: return "out of resources (memory)";
    case EFI_VOLUME_CORRUPTED: return "volume corrupted";
    case EFI_VOLUME_FULL: return "volume full";
    case EFI_NO_MEDIA: return "no media";
    case EFI_MEDIA_CHANGED: return "media changed";
    case EFI_NOT_FOUND: return "not found";
    case EFI_ACCESS_DENIED: return "access denied";
    case EFI_NO_RESPONSE: return "no response";
    case EFI_NO_MAPPING: return "no mapping";
    case EFI_TIMEOUT: return "timeout";
    case EFI_NOT_STARTED: return "not started";
    case EFI_ALREADY_STARTED: return "already started";
    case EFI_ABORTED: return "aborted";
    case EFI_SECURITY_VIOLATION: return "security violation";
    default: {
        static char text[40];
        eb_snprintf(text, sizeof(text), "EFI status 0x%llx", (unsigned long long)status);
        return text;
    }
    }
}
