#!/usr/bin/env bash
# include/elfboot.h from C++ (tests/compile/cxx-header.cpp), with g++ and clang++, as
# C++11 and C++20, warnings as errors, freestanding as a kernel compiles it.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
for cxx in g++ clang++; do
    for std in c++11 c++20; do
        tap_check "include/elfboot.h compiles as C++ ($cxx -std=$std)" \
            "$cxx" -std="$std" -Wall -Wextra -Werror -pedantic -ffreestanding -fno-exceptions \
            -fno-rtti -Iinclude -c tests/compile/cxx-header.cpp -o /dev/null
    done
done
