// cxx-header.cpp: include/elfboot.h as a C++ kernel uses it (issue 2: "usable from C and
// C++ kernels"): the header compiles, its _Static_asserts become static_asserts, a
// request is declared in .elfboot with C++11 aggregate initialisation, and the boot info
// reads through the same types.
#include <stddef.h>

#include "elfboot.h"

ELFBOOT_REQUEST(request) = {{ELFBOOT_REQUEST_MAGIC0, ELFBOOT_REQUEST_MAGIC1}, 1,
                            ELFBOOT_REQ_RECURSIVE_MAP, 1 << 20, 0, 1024, 768, {0, 0, 0, 0}};

static_assert(sizeof(elfboot_info) == 240, "the boot info is 240 bytes in C++ too");
static_assert(offsetof(elfboot_info, loader_name) == 232, "loader_name is the last field");
static_assert(offsetof(elfboot_request, fb_width) == 40, "fb_width after hhdm_base");

extern "C" unsigned long long kmain(elfboot_info *info);

extern "C" unsigned long long kmain(elfboot_info *info)
{
    const elfboot_memmap_entry *map = reinterpret_cast<const elfboot_memmap_entry *>(info->memmap);
    unsigned long long usable = 0;
    for (unsigned long long i = 0; i < info->memmap_count; i++)
        if (map[i].type == ELFBOOT_MEM_USABLE)
            usable += map[i].length;
    return usable + request.stack_size;
}
