#!/usr/bin/env bash
# Builds everything `make` builds again with clang (host and loaders), warnings as errors,
# in a folder of its own. gcc builds it in `make` itself.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.."
if out=$(make --no-print-directory CC=clang LOADER_CC=clang BUILD="$BUILD/clang" all 2>&1); then
    echo "ok - everything builds with clang, warnings as errors"
else
    echo "not ok - the clang build fails"
    echo "$out" | grep -E "error|warning" | head -20 | sed 's/^/#   /'
fi
