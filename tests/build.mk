# tests/: every folder of tests owns its rules in tests/<folder>/build.mk.
include $(sort $(wildcard tests/*/build.mk))
