/* tls.c: thread-local variables, so that the kernel has a PT_TLS segment whose
 * template the loader must report in info->tls. Never accessed: no FS base is set up. */
#include <stdint.h>

__attribute__((used)) __thread uint64_t tls_initialised[4] = { 1, 2, 3, 4 }; /* .tdata */
__attribute__((used, aligned(64))) __thread uint8_t tls_zeroed[100];          /* .tbss */

/* PT_TLS p_align: the largest alignment above (tls_zeroed's). */
const uint64_t tls_expected_align = 64;
