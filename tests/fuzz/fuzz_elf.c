/* fuzz_elf.c: any bytes as a kernel: inspected, and when accepted, loaded into a small
 * simulated machine and its memory map finished. Nothing may read or write outside. */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct eb_kernel k;
    struct eb_error err;
    if (eb_kernel_inspect(data, size, &k, &err) != EB_OK) {
        if (strlen(err.message) < 10) /* every refusal says why */
            abort();
        return 0;
    }
    static struct sim sim;
    struct elfboot_memmap_entry map[16];
    size_t n = sim_pc_map(map, 48ull << 20);
    sim_init(&sim, map, n, size & 1);
    sim.quiet = true;
    sim.entropy = size * 0x9e3779b97f4a7c15ull;
    struct eb_boot_input in = {.memmap = map, .memmap_count = (uint32_t)n, .cmdline = "x"};
    struct eb_boot boot;
    if (eb_load(&sim.platform, &in, &k, &boot, &err) == EB_OK &&
        eb_finish_memmap(&boot, sim.pm.map, sim.pm.count, &err) != EB_OK)
        abort(); /* the room reserved for the final map must always suffice */
    sim_free(&sim);
    return 0;
}
