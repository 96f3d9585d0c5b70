#!/usr/bin/env python3
"""vga-text.py SOCKET OUT: reads the VGA text screen (80x25 cells at 0xb8000, a
character and an attribute byte each) of the QEMU whose QMP socket is SOCKET, and
writes it to OUT as 25 lines of text, trailing blanks removed."""
import json
import os
import socket
import sys
import tempfile


def qmp(sock_path, command_line):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(sock_path)
    f = s.makefile("rw")
    json.loads(f.readline())  # the greeting
    for cmd in ({"execute": "qmp_capabilities"},
                {"execute": "human-monitor-command",
                 "arguments": {"command-line": command_line}}):
        f.write(json.dumps(cmd) + "\n")
        f.flush()
        while True:  # skip events until the command's answer
            reply = json.loads(f.readline())
            if "return" in reply or "error" in reply:
                break
        if "error" in reply:
            sys.exit("vga-text: QMP error: %s" % reply["error"])
        if reply.get("return"):  # the human monitor's answer: empty unless it failed
            sys.exit("vga-text: %s: %s" % (command_line, reply["return"]))
    s.close()


def main():
    sock_path, out = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, "vga.bin")
        qmp(sock_path, "pmemsave 0xb8000 4000 \"%s\"" % dump)
        cells = open(dump, "rb").read()
    chars = bytes(cells[i] for i in range(0, len(cells), 2))
    lines = [chars[r * 80:(r + 1) * 80].decode("cp437").rstrip() for r in range(25)]
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


main()
