import json
import os
import struct
import sys

# Where the test finds this check's process group.
open(os.path.join(os.path.dirname(__file__), "pgid.txt"), "a").write(f"{os.getpgrp()}\n")


def dot(u, v):
    print("PASS")
    print("[passed] `dot` passed 100 generated inputs.")
    frame = json.dumps({"seq": 1, "kind": "value", "value": {"t": "float", "v": 0.0}}).encode()
    sys.stdout.buffer.write(struct.pack(">I", len(frame)) + frame)
    sys.stdout.flush()
    return 12345.0
