/* fuzz_tool_runconf.c: any text as elfboot-runner.conf; what it accepts must resolve or
 * fail with a message, never crash. */
#include <stdlib.h>
#include <string.h>

#include "runconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = strndup((const char *)data, size); /* the file up to its first NUL */
    struct settings_layer *layer = NULL;
    if (text && runconf_parse("/fuzz/elfboot-runner.conf", text, &layer) == 0) {
        if (!layer)
            abort();
        struct settings_layer *layers[] = {layer};
        struct runner_settings s;
        if (settings_resolve(layers, 1, &s) == 0 && (s.memory_mib == 0 || s.test_timeout_s == 0))
            abort();
        settings_free(&s);
        layer_free(layer);
    }
    free(text);
    return 0;
}
