"""Runs the ministack AWS emulator in the foreground as a child that dies with its parent.

Started by cfnkit_testkit::emulator with the venv's python: argv[1] is the pid of the
test process. On Linux, PR_SET_PDEATHSIG makes the kernel send SIGTERM to the emulator
when the thread that started it ends, so a test process killed hard (where its guard's
drop never runs) leaves nothing running. Then it execs ministack in this same process,
so the pid the test holds is the emulator's. The bind address, port and directories come
from the environment the test sets (BIND_HOST=127.0.0.1, GATEWAY_PORT, STATE_DIR, ...).
"""

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1

try:
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
except (AttributeError, OSError):
    pass  # Not Linux: the test's guard still stops the emulator by its pid.

if os.getppid() != int(sys.argv[1]):
    sys.exit("run-ministack: the test process that started it is gone")

os.execv(sys.executable, [sys.executable, "-m", "ministack"])
