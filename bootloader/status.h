/* status.h: the core's error codes and the error record every core call fills in. */
#ifndef EB_STATUS_H
#define EB_STATUS_H

enum eb_status {
    EB_OK = 0,
    /* ELF validation (eb_kernel_inspect) */
    EB_ERR_NOT_ELF,            /* no \x7fELF magic, or shorter than an ELF header */
    EB_ERR_NOT_64BIT,          /* ELFCLASS32 or another class */
    EB_ERR_NOT_LITTLE_ENDIAN,
    EB_ERR_NOT_X86_64,         /* e_machine is not EM_X86_64 */
    EB_ERR_BAD_TYPE,           /* not ET_EXEC or ET_DYN */
    EB_ERR_BAD_HEADER,         /* program header table malformed or out of the file */
    EB_ERR_NO_LOAD,            /* no PT_LOAD segment */
    EB_ERR_TOO_MANY_SEGMENTS,
    EB_ERR_FILESZ,             /* p_filesz > p_memsz */
    EB_ERR_TRUNCATED,          /* a segment's bytes lie past the end of the file */
    EB_ERR_BAD_ADDRESS,        /* address arithmetic overflows, or is not canonical */
    EB_ERR_OVERLAP,            /* two segments overlap */
    EB_ERR_MIXED_HALVES,       /* segments in both the lower and the higher half */
    EB_ERR_ENTRY,              /* entry point outside every executable segment */
    EB_ERR_WX_PAGE,            /* a shared page would be writable and executable */
    EB_ERR_BAD_DYNAMIC,        /* PT_DYNAMIC / relocation tables malformed */
    EB_ERR_RELOC_TYPE,         /* unsupported relocation type */
    EB_ERR_RELOC_SYMBOL,       /* relocation against an undefined symbol */
    EB_ERR_REQUEST,            /* bad struct elfboot_request */
    /* Loading */
    EB_ERR_NO_MEMORY,
    EB_ERR_NOT_RAM,            /* a lower-half segment's p_paddr is not usable RAM */
    EB_ERR_IN_USE,             /* ... or is RAM the loader already uses */
    EB_ERR_MEMMAP_FULL,        /* more memory-map entries than room for them */
    EB_ERR_CONFIG,             /* elfboot.cfg */
    EB_ERR_FAT,                /* the FAT reader: bad file system, file not found */
    EB_ERR_PARTITION,          /* MBR/GPT parsing */
    EB_ERR_IO,                 /* a disk or file read failed */
    EB_STATUS_COUNT
};

/* Every failing core call returns a status and writes one line saying what failed,
 * naming the file, segment, address or line, for the user to read. */
struct eb_error {
    int code;
    char message[232];
};

/* Fills `err` (when not NULL) and returns `code`: `return eb_fail(err, EB_ERR_X, "...")`. */
int eb_fail(struct eb_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A short stable name of a status code: "EB_ERR_OVERLAP". */
const char *eb_status_name(int code);

#endif /* EB_STATUS_H */
