/* A kernel for the core's unit tests: never run, only loaded into simulated memory. It
 * has code, read-only data, data, a large .bss and pointers that need relocation in
 * its position-independent builds; the variants differ by -D flags and linker script. */
#include "elfboot.h"

int value_a = 1;
int value_b = 2;
const char message[] = "hello from a test kernel";
char big_bss[3 << 20];
void kmain(struct elfboot_info *info);
/* Relocated in PIE builds: each must end up pointing at its target after the slide. */
void *pointers[] = {&value_a, &value_b, (void *)message, (void *)kmain, big_bss};
/* A read-only table of pointers: .data.rel.ro, inside PT_GNU_RELRO in PIE builds. */
void *const relro_pointers[] = {&value_a, (void *)message};

#ifdef WITH_TLS
__thread int tls_value = 7;
__thread char tls_zeroes[64];
#endif

#ifdef REQUEST_FLAGS
ELFBOOT_REQUEST(request) = {
    .magic = ELFBOOT_REQUEST_MAGIC,
    .version = 1,
    .flags = REQUEST_FLAGS,
    .stack_size = REQUEST_STACK,
    .hhdm_base = REQUEST_HHDM,
};
#endif

extern int shared_counter; /* through the GOT in -fPIC builds (GLOB_DAT when shared) */
int shared_counter = 5;

void kmain(struct elfboot_info *info)
{
    value_a += (int)info->magic + shared_counter + big_bss[100] + message[0];
    for (;;)
        __asm__ volatile("hlt");
}
