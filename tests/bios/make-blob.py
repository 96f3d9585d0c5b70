#!/usr/bin/env python3
"""make-blob.py OUT: 64 MiB where quadword i is i * 0x9e3779b97f4a7c15 mod 2**64
(what tests/bios/big-kernel.S checks)."""
import array
import sys

STEP = 0x9E3779B97F4A7C15
COUNT = 64 * 1024 * 1024 // 8
CHUNK = 1 << 20
with open(sys.argv[1], "wb") as out:
    value = 0
    for start in range(0, COUNT, CHUNK):
        words = array.array("Q")
        for _ in range(CHUNK):
            words.append(value)
            value = (value + STEP) & 0xFFFFFFFFFFFFFFFF
        words.tofile(out)
