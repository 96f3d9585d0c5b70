/* build.c: `elfboot build KERNEL -o IMAGE [options]`. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "image.h"
#include "iso.h"

static const struct option options[] = {
    {"output", required_argument, NULL, 'o'},
    {"hybrid", no_argument, NULL, OPT_HYBRID},
    {"iso", no_argument, NULL, OPT_ISO},
    FIRMWARE_OPTIONS,
    KERNEL_INPUT_OPTIONS,
    {"resolution", required_argument, NULL, OPT_RESOLUTION},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"size", required_argument, NULL, OPT_SIZE},
    COMMON_OPTIONS,
};

static int set_kind(struct image_spec *spec, int *kinds, enum image_kind kind)
{
    spec->kind = kind;
    return ++*kinds > 1 ? usage_error("--hybrid, --bios, --uefi and --iso exclude each other")
                        : 0;
}

/* Fills `spec` and `*output` from argv; returns 0, or an exit status. */
static int parse(int argc, char **argv, struct image_spec *spec, const char **output)
{
    int opt, kinds = 0, rc;
    optind = 0;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        switch (opt) {
        case 'o': *output = optarg; break;
        case 'h': return print_help(), -1;
        case OPT_HYBRID: if ((rc = set_kind(spec, &kinds, IMAGE_HYBRID))) return rc; break;
        case OPT_BIOS: if ((rc = set_kind(spec, &kinds, IMAGE_BIOS))) return rc; break;
        case OPT_UEFI: if ((rc = set_kind(spec, &kinds, IMAGE_UEFI))) return rc; break;
        case OPT_ISO: if ((rc = set_kind(spec, &kinds, IMAGE_ISO))) return rc; break;
        case OPT_SIZE:
            if (parse_mib("--size", optarg, &spec->size_mib))
                return EXIT_USAGE;
            break;
        case ':': return usage_error("%s needs a value", argv[optind - 1]);
        case '?': return usage_error("unknown option '%s'", argv[optind - 1]);
        default:
            if (image_option(opt, optarg, spec))
                return EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return usage_error("no KERNEL given");
    if (optind + 1 < argc)
        return usage_error("one KERNEL only; '%s' is extra", argv[optind + 1]);
    spec->kernel = argv[optind];
    if (!*output)
        return usage_error("no output given: -o IMAGE");
    if (spec->kind == IMAGE_ISO && spec->size_mib)
        return usage_error("--size applies to disk images, not to --iso");
    return 0;
}

/* One line saying what was written. */
static void summary(const struct image_spec *spec, const char *output)
{
    static const char *const kinds[] = {
        [IMAGE_HYBRID] = "hybrid disk, boots on BIOS and UEFI", [IMAGE_BIOS] = "BIOS disk",
        [IMAGE_UEFI] = "UEFI disk", [IMAGE_ISO] = "hybrid ISO",
    };
    struct stat st;
    if (stat(output, &st) == 0)
        printf("%s: %s, %lld MiB, %zu module%s\n", output, kinds[spec->kind],
               (long long)((st.st_size + (1 << 20) - 1) >> 20), spec->module_count,
               spec->module_count == 1 ? "" : "s");
}

int cmd_build(int argc, char **argv)
{
    struct image_spec spec = {.kind = IMAGE_HYBRID};
    const char *output = NULL;
    int rc = parse(argc, argv, &spec, &output);
    if (rc == 0) {
        rc = (spec.kind == IMAGE_ISO ? iso_write(&spec, output) : image_write(&spec, output))
                 ? EXIT_FAILED : EXIT_OK;
        if (rc == EXIT_OK)
            summary(&spec, output);
    } else if (rc < 0)
        rc = EXIT_OK; /* --help */
    spec_free(&spec);
    return rc;
}
