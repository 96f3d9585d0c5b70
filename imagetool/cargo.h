/* cargo.h: the runner's settings from the kernel's Cargo.toml, read through
 * `cargo metadata --format-version 1 --no-deps` (no TOML parser of our own). */
#ifndef TOOL_CARGO_H
#define TOOL_CARGO_H

#include "settings.h"

/* Finds the manifest (CARGO_MANIFEST_DIR/Cargo.toml, else the nearest Cargo.toml above
 * the kernel), asks cargo for its metadata and turns [package.metadata.elfboot] and
 * [package.metadata.bootimage] into layers (NULL when absent). Returns -1 on an error
 * worth stopping for (a bad value), 0 otherwise (no Cargo.toml is not an error). */
int cargo_layers(const char *kernel, struct settings_layer **elfboot,
                 struct settings_layer **bootimage);

#endif /* TOOL_CARGO_H */
