# tests/examples/: `make run`, the first thing a new user types, boots the example kernel
# under both firmwares and ends with status 0; its output shows what the kernel saw.
TEST_SUITES += tests/examples/make-run.sh tests/examples/c-guide.sh
