"""Swaps pairs of paths with renameat2(RENAME_EXCHANGE), atomically, as fast as it can.

Usage: python3 renameExchange.py SECONDS A1 B1 [A2 B2 ...]

Each round swaps every pair twice, so each pair ends as it began. Prints the
number of swaps made. Exits 1 (with the reason on stderr) when a swap fails.
"""
import ctypes
import os
import sys
import time

AT_FDCWD = -100
RENAME_EXCHANGE = 2

libc = ctypes.CDLL(None, use_errno=True)
renameat2 = libc.renameat2
renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]

seconds = float(sys.argv[1])
paths = [p.encode() for p in sys.argv[2:]]
pairs = list(zip(paths[0::2], paths[1::2]))
deadline = time.monotonic() + seconds
swaps = 0
while time.monotonic() < deadline:
    for _ in range(50):
        for a, b in pairs:
            for _ in range(2):
                if renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) != 0:
                    err = ctypes.get_errno()
                    sys.stderr.write(f"renameat2 {a!r} {b!r}: {os.strerror(err)}\n")
                    sys.exit(1)
                swaps += 1
print(swaps)
