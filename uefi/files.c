/* files.c: the configuration, the kernel and the modules, read from the volume that
 * BOOTX64.EFI itself was loaded from (EFI_LOADED_IMAGE_PROTOCOL.DeviceHandle, then
 * EFI_SIMPLE_FILE_SYSTEM_PROTOCOL: UEFI 2.10, 9.1 and 13.4).
 */
#include "memmap.h"
#include "messages.h"
#include "uefi.h"
#include "util.h"

/* Some firmware mishandles very large single reads; 16 MiB pieces cost nothing. */
#define READ_CHUNK (16u << 20)

static EFI_FILE_HANDLE root;

void uefi_open_boot_volume(void)
{
    EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
    EFI_GUID file_system_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
    EFI_LOADED_IMAGE *image;
    EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
    EFI_STATUS status;

    status = uefi_bs->HandleProtocol(uefi_image, &loaded_image_guid, (void **)&image);
    if (EFI_ERROR(status))
        uefi_fatal("cannot find the device elfboot was loaded from: %s",
                   uefi_status_text(status));
    status = uefi_bs->HandleProtocol(image->DeviceHandle, &file_system_guid, (void **)&fs);
    if (EFI_ERROR(status))
        uefi_fatal("the boot device has no file system the firmware can read: %s",
                   uefi_status_text(status));
    status = fs->OpenVolume(fs, &root);
    if (EFI_ERROR(status))
        uefi_fatal("cannot open the boot partition: %s", uefi_status_text(status));
}

/* "/boot/kernel.elf" (UTF-8) -> L"\\boot\\kernel.elf" (UCS-2, as EFI_FILE_PROTOCOL.Open
 * takes it). False when the path does not fit or is not UTF-8 within UCS-2. */
static bool to_uefi_path(const char *path, CHAR16 *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)path;
    size_t n = 0;
    while (*s) {
        uint32_t c = *s++;
        int more = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : -1;
        if (more < 0)
            return false; /* stray continuation byte, or beyond UCS-2 */
        if (more > 0)
            c &= more == 1 ? 0x1f : 0x0f;
        for (; more > 0; more--, s++) {
            if ((*s & 0xc0) != 0x80)
                return false;
            c = (c << 6) | (*s & 0x3f);
        }
        if (n + 1 >= cap)
            return false;
        out[n++] = c == '/' ? L'\\' : (CHAR16)c;
    }
    out[n] = 0;
    return true;
}

/* Errors name the file as "WHAT PATH" (what: "config", "kernel", "module"). */
static uint64_t file_size(EFI_FILE_HANDLE file, const char *what, const char *path)
{
    /* EFI_FILE_INFO ends in the file's name: one component, at most 255 characters. */
    static union {
        EFI_FILE_INFO info;
        uint8_t bytes[__builtin_offsetof(EFI_FILE_INFO, FileName) + 256 * sizeof(CHAR16)];
    } buf;
    EFI_GUID file_info_guid = EFI_FILE_INFO_ID;
    UINTN size = sizeof(buf);
    EFI_STATUS status = file->GetInfo(file, &file_info_guid, &size, &buf);
    if (EFI_ERROR(status))
        uefi_fatal("%s %s: cannot read its size: %s", what, path, uefi_status_text(status));
    if (buf.info.Attribute & EFI_FILE_DIRECTORY)
        uefi_fatal("%s %s is a directory, not a file", what, path);
    return buf.info.FileSize;
}

static void read_all(EFI_FILE_HANDLE file, const char *what, const char *path, uint8_t *dst,
                     uint64_t size)
{
    for (uint64_t done = 0; done < size;) {
        UINTN n = size - done < READ_CHUNK ? size - done : READ_CHUNK;
        EFI_STATUS status = file->Read(file, &n, dst + done);
        /* The firmware gives no sector number: the byte the read started at instead. */
        if (EFI_ERROR(status))
            uefi_fatal("%s %s: disk read error at byte %llu of %llu: %s", what, path,
                       (unsigned long long)done, (unsigned long long)size,
                       uefi_status_text(status));
        if (n == 0)
            uefi_fatal("%s %s: the file ends after %llu of %llu bytes", what, path,
                       (unsigned long long)done, (unsigned long long)size);
        done += n;
    }
}

/* At least one page, so that even an empty module has an address of its own. */
static UINTN file_pages(struct uefi_file f)
{
    return f.size ? EB_ALIGN_UP(f.size, EB_PAGE_SIZE) / EB_PAGE_SIZE : 1;
}

void uefi_free_file(struct uefi_file f)
{
    uefi_bs->FreePages(f.phys, file_pages(f));
}

struct uefi_file uefi_read_file(const char *what, const char *path,
                                EFI_MEMORY_TYPE memory_type)
{
    CHAR16 uefi_path[EB_CONFIG_PATH_MAX];
    EFI_FILE_HANDLE file;
    EFI_STATUS status;
    struct uefi_file f = { 0, 0 };

    if (!to_uefi_path(path, uefi_path, EB_ARRAY_SIZE(uefi_path)))
        uefi_fatal("%s %s: not a usable path (too long, or not UTF-8)", what, path);
    status = root->Open(root, &file, uefi_path, EFI_FILE_MODE_READ, 0);
    if (status == EFI_NOT_FOUND)
        uefi_fatal(EB_MSG_FILE_NOT_FOUND, what, path);
    if (EFI_ERROR(status))
        uefi_fatal("%s %s: cannot open it on the boot partition: %s", what, path,
                   uefi_status_text(status));
    f.size = file_size(file, what, path);

    EFI_PHYSICAL_ADDRESS phys = 0;
    status = uefi_bs->AllocatePages(AllocateAnyPages, memory_type, file_pages(f), &phys);
    if (EFI_ERROR(status)) {
        char size_text[32], why[64];
        eb_snprintf(why, sizeof(why), ": %s", uefi_status_text(status));
        uefi_fatal(EB_MSG_FILE_TOO_BIG, what, path,
                   eb_format_size(size_text, sizeof(size_text), f.size), why);
    }
    f.phys = phys;
    read_all(file, what, path, (uint8_t *)(uintptr_t)phys, f.size);
    file->Close(file);
    return f;
}

void uefi_read_config(struct eb_config *cfg)
{
    struct eb_error err;
    struct uefi_file f = uefi_read_file("config", EB_CONFIG_PATH, EfiLoaderData);
    if (eb_config_parse((const char *)(uintptr_t)f.phys, f.size, cfg, &err) != EB_OK)
        uefi_fatal("%s", err.message); /* the core names the file and the line */
    uefi_free_file(f);
    uefi_log_set_serial(cfg->serial);
    uefi_log("config: %s: kernel %s, %u module(s), cmdline \"%s\"", EB_CONFIG_PATH,
             cfg->kernel, cfg->module_count, cfg->cmdline);
}

void uefi_read_kernel(const struct eb_config *cfg, struct eb_kernel *kernel)
{
    struct eb_error err;
    char size_text[32];
    /* Only read from until eb_load has copied its segments; main.c frees it then. */
    struct uefi_file f = uefi_read_file("kernel", cfg->kernel, EfiLoaderData);
    uefi_log("kernel: %s (%s) read to 0x%llx", cfg->kernel,
             eb_format_size(size_text, sizeof(size_text), f.size),
             (unsigned long long)f.phys);
    /* The core logs what it found (type, segments, entry) when it loads it. */
    if (eb_kernel_inspect((const void *)(uintptr_t)f.phys, f.size, kernel, &err) != EB_OK)
        uefi_fatal("kernel %s: %s", cfg->kernel, err.message);
}

uint32_t uefi_read_modules(const struct eb_config *cfg, struct eb_module_input *modules)
{
    for (uint32_t i = 0; i < cfg->module_count; i++) {
        const struct eb_config_module *m = &cfg->modules[i];
        char size_text[32];
        struct uefi_file f = uefi_read_file(
            "module", m->path, (EFI_MEMORY_TYPE)EB_UEFI_TYPE(ELFBOOT_MEM_MODULES));
        modules[i].phys = f.phys;
        modules[i].size = f.size;
        modules[i].name = m->name;
        bool named = strlen(m->name) != strlen(m->path) ||
                     memcmp(m->name, m->path, strlen(m->path)) != 0;
        uefi_log("module %s%s%s (%s) at 0x%llx", named ? m->name : "", named ? ": " : "",
                 m->path, eb_format_size(size_text, sizeof(size_text), f.size),
                 (unsigned long long)f.phys);
    }
    return cfg->module_count;
}
