/* replay_main.c: runs a fuzz target over files, without libFuzzer: how `make test`
 * replays the inputs that once crashed a target (tests/fuzz/regressions/). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        uint8_t *buf = malloc(n ? (size_t)n : 1); /* exactly the file's size: ASan sees overreads */
        if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
            return 2;
        fclose(f);
        LLVMFuzzerTestOneInput(buf, (size_t)n);
        free(buf);
    }
    return 0;
}
