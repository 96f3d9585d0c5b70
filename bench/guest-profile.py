#!/usr/bin/env python3
"""guest-profile.py: a sampling profiler for code running inside QEMU (TCG).

Starts QEMU with an HMP monitor on a socket, asks `info registers` every INTERVAL
seconds until QEMU exits, and prints where the guest's instruction pointer was: by
symbol of the ELF files given with --elf (address ranges they link at), by firmware
region otherwise (real-mode CS:IP folded to a linear address).

    bench/guest-profile.py [--interval S] [--elf FILE]... -- QEMU ARGS...

It is how bench/README.md's profiles were taken. TCG updates the saved instruction
pointer at translation-block boundaries, which is precise enough for a profile.
"""
import argparse, bisect, collections, os, re, socket, subprocess, tempfile, time


def symbols(elf):
    """(address, size, name) of the functions and objects in an ELF, sorted."""
    out = subprocess.run(["nm", "-S", "--defined-only", elf], capture_output=True,
                         text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[2] in "tTwW":
            syms.append((int(parts[0], 16), int(parts[1], 16), parts[3]))
    return sorted(syms)


def where(ip, tables):
    for name, syms, addrs in tables:
        i = bisect.bisect_right(addrs, ip) - 1
        if i >= 0 and ip < syms[i][0] + max(syms[i][1], 1):
            return "%s:%s" % (name, syms[i][2])
    if 0xe0000 <= ip < 0x100000:
        return "SeaBIOS 0x%x" % (ip & ~0xfff)
    if 0xc0000 <= ip < 0xe0000:
        return "option ROM (VGA BIOS at 0xc0000) 0x%x" % (ip & ~0xfff)
    if ip >= 0xffff800000000000:
        return "upper half 0x%x" % (ip & ~0xfff)
    return "other 0x%x" % (ip & ~0xffff)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--interval", type=float, default=0.002)
    ap.add_argument("--elf", action="append", default=[])
    ap.add_argument("--timeline", type=float, default=0,
                    help="also print the top places of every window of this many ms")
    ap.add_argument("qemu", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    qemu = [x for x in a.qemu if x != "--"]
    tables = []
    for e in a.elf:
        s = symbols(e)
        tables.append((os.path.basename(e), s, [x[0] for x in s]))

    sock_path = os.path.join(tempfile.mkdtemp(), "hmp.sock")
    proc = subprocess.Popen(qemu + ["-monitor", "unix:%s,server=on,wait=off" % sock_path])
    while not os.path.exists(sock_path):
        if proc.poll() is not None:
            raise SystemExit("QEMU ended before its monitor opened")
        time.sleep(0.001)
    s = socket.socket(socket.AF_UNIX)
    s.connect(sock_path)
    s.settimeout(1.0)
    buf = b""
    counts = collections.Counter()
    windows = collections.defaultdict(collections.Counter)
    start = time.monotonic()
    reg = re.compile(rb"(?:RIP|EIP)=([0-9a-f]+).*?\n.*?CS =([0-9a-f]{4})", re.S)
    while proc.poll() is None:
        try:
            s.sendall(b"info registers\n")
            deadline = time.monotonic() + 1.0
            while b"CR0=" not in buf and time.monotonic() < deadline:
                chunk = s.recv(65536)
                if not chunk:
                    break
                buf += chunk
        except OSError:
            break
        m = reg.search(buf)
        if m and b"CR0=" in buf:
            ip, cs = int(m.group(1), 16), int(m.group(2), 16)
            cr0 = re.search(rb"CR0=([0-9a-f]+)", buf)
            if cr0 and not int(cr0.group(1), 16) & 1:  # real mode: linear = cs*16 + ip
                ip = (cs << 4) + (ip & 0xffff)
            place = where(ip, tables)
            counts[place] += 1
            if a.timeline:
                windows[int((time.monotonic() - start) * 1000 / a.timeline)][place] += 1
        buf = buf[buf.rfind(b"CR0="):] if b"CR0=" in buf else buf
        buf = b""
        time.sleep(a.interval)
    elapsed = time.monotonic() - start
    total = sum(counts.values()) or 1
    print("%d samples over %.2f s (QEMU status %s)" % (total, elapsed, proc.returncode))
    for name, n in counts.most_common(25):
        print("%6.1f%%  %s" % (100.0 * n / total, name))
    for w in sorted(windows):
        top = windows[w].most_common(3)
        n = sum(windows[w].values())
        print("%6d ms  %s" % (w * a.timeline, ",  ".join(
            "%s %d%%" % (name, 100 * k // n) for name, k in top)))


if __name__ == "__main__":
    main()
