# tests/compile/: the whole tree builds warning-free (-Werror) with clang as well as gcc.
TEST_SUITES += tests/compile/clang.sh tests/compile/cxx-header.sh
