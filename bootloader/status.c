/* status.c: error records. */
#include "status.h"
#include "util.h"

int eb_fail(struct eb_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        eb_vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

static const char *const names[EB_STATUS_COUNT] = {
    [EB_OK] = "EB_OK",
    [EB_ERR_NOT_ELF] = "EB_ERR_NOT_ELF",
    [EB_ERR_NOT_64BIT] = "EB_ERR_NOT_64BIT",
    [EB_ERR_NOT_LITTLE_ENDIAN] = "EB_ERR_NOT_LITTLE_ENDIAN",
    [EB_ERR_NOT_X86_64] = "EB_ERR_NOT_X86_64",
    [EB_ERR_BAD_TYPE] = "EB_ERR_BAD_TYPE",
    [EB_ERR_BAD_HEADER] = "EB_ERR_BAD_HEADER",
    [EB_ERR_NO_LOAD] = "EB_ERR_NO_LOAD",
    [EB_ERR_TOO_MANY_SEGMENTS] = "EB_ERR_TOO_MANY_SEGMENTS",
    [EB_ERR_FILESZ] = "EB_ERR_FILESZ",
    [EB_ERR_TRUNCATED] = "EB_ERR_TRUNCATED",
    [EB_ERR_BAD_ADDRESS] = "EB_ERR_BAD_ADDRESS",
    [EB_ERR_OVERLAP] = "EB_ERR_OVERLAP",
    [EB_ERR_MIXED_HALVES] = "EB_ERR_MIXED_HALVES",
    [EB_ERR_ENTRY] = "EB_ERR_ENTRY",
    [EB_ERR_WX_PAGE] = "EB_ERR_WX_PAGE",
    [EB_ERR_BAD_DYNAMIC] = "EB_ERR_BAD_DYNAMIC",
    [EB_ERR_RELOC_TYPE] = "EB_ERR_RELOC_TYPE",
    [EB_ERR_RELOC_SYMBOL] = "EB_ERR_RELOC_SYMBOL",
    [EB_ERR_REQUEST] = "EB_ERR_REQUEST",
    [EB_ERR_NO_MEMORY] = "EB_ERR_NO_MEMORY",
    [EB_ERR_NOT_RAM] = "EB_ERR_NOT_RAM",
    [EB_ERR_IN_USE] = "EB_ERR_IN_USE",
    [EB_ERR_MEMMAP_FULL] = "EB_ERR_MEMMAP_FULL",
    [EB_ERR_CONFIG] = "EB_ERR_CONFIG",
    [EB_ERR_FAT] = "EB_ERR_FAT",
    [EB_ERR_PARTITION] = "EB_ERR_PARTITION",
    [EB_ERR_IO] = "EB_ERR_IO",
};

const char *eb_status_name(int code)
{
    if (code < 0 || code >= EB_STATUS_COUNT || !names[code])
        return "EB_ERR_UNKNOWN";
    return names[code];
}
