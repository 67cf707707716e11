"""Put the folder NEW in place of the folder DEST in one step: `make site`'s last move.

    python scripts/swap-dirs.py NEW DEST

Where DEST exists, the two are exchanged by one `renameat2(RENAME_EXCHANGE)` call (Linux
3.15+), so whatever happens (a signal, a crash), DEST is either the old folder or the new
one, never missing; NEW then holds the old folder, for the caller to remove. Elsewhere the
old folder is moved aside and NEW moved in, with SIGINT and SIGTERM held off in between.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def exchange(a: str, b: str) -> bool:
    """Swap the two paths in one step; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: not on this system or file system
        return False
    raise OSError(errno, os.strerror(errno), b)


def main(new: str, dest: str) -> int:
    if os.path.lexists(dest) and exchange(new, dest):
        return 0
    held = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        aside = f"{new}.old"
        if os.path.lexists(dest):
            os.rename(dest, aside)
        os.rename(new, dest)
        if os.path.lexists(aside):
            os.rename(aside, new)  # the caller removes NEW: the old folder
    finally:
        for s, handler in held.items():
            signal.signal(s, handler)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
