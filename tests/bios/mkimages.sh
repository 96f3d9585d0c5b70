#!/usr/bin/env bash
# Makes the FAT images the unit tests read (tests/bios/test_fat.c): FAT12, FAT16 and FAT32
# volumes made by mtools, each holding the same tree, plus the source files to compare.
# Usage: mkimages.sh OUTDIR
set -eu
out=$1
rm -rf "$out" && mkdir -p "$out/files"
f=$out/files
python3 - "$f" <<'PY'
import sys, random
d = sys.argv[1]
r = random.Random(42)  # fixed content: the same images every build
def write(name, n):
    with open(f"{d}/{name}", "wb") as fh:
        fh.write(bytes(r.getrandbits(8) for _ in range(n)))
write("config.txt", 100)
write("long.txt", 777)
write("deep.bin", 5000)
write("big.bin", 300001)     # contiguous, ends mid-sector
write("frag.bin", 60000)     # written into holes: fragmented
write("filler", 8192)
open(f"{d}/empty.txt", "wb").close()
PY

make_volume() { # IMAGE SIZE_KIB MFORMAT_ARGS...
    local img=$1 size=$2; shift 2
    truncate -s "${size}K" "$img"
    mformat -i "$img" -N 12345678 "$@" ::
    mmd -i "$img" ::/boot ::/d1 ::/d1/d2 ::/d1/d2/d3 ::/d1/d2/d3/d4 ::/d1/d2/d3/d4/d5
    mcopy -i "$img" "$f/config.txt" ::/boot/elfboot.cfg
    mcopy -i "$img" "$f/long.txt" "::/boot/A Long File Name, With Spaces.txt"
    mcopy -i "$img" "$f/deep.bin" ::/d1/d2/d3/d4/d5/deep-file.bin
    mcopy -i "$img" "$f/empty.txt" ::/empty.txt
    mcopy -i "$img" "$f/big.bin" ::/big.bin
    # Holes first, then a file that must fill them: a fragmented chain.
    for i in 1 2 3 4 5 6; do mcopy -i "$img" "$f/filler" "::/fill$i"; done
    mdel -i "$img" ::/fill2 ::/fill4 ::/fill6
    mcopy -i "$img" "$f/frag.bin" ::/boot/frag.bin
}

make_volume "$out/fat12.img" 1440 -f 1440
make_volume "$out/fat16.img" 16384 -c 4
make_volume "$out/fat32.img" 40960 -F -c 1
