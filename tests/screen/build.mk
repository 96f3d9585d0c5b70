# tests/screen/: what the BIOS loader shows on the screen (the VGA text buffer read back
# through QEMU's monitor), beside what COM1 shows.
TEST_SUITES += tests/screen/bios-screen.sh
