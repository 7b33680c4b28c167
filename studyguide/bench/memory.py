"""The memory of a process tree at its peak, as the machine pays for it.

The peak RSS of the largest process (what `run` reports) counts the pages a forked
child shares with its parent as its own; a build whose editions are laid out in
children is better judged by the sum of their proportional set sizes (PSS: each
shared page split between the processes that share it), sampled while it runs.
Linux only (/proc); elsewhere None.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = [root], [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        found += children
        frontier += children
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def peak_pss(cmd: list[str], cwd: Path, every: float = 0.02) -> tuple[float, float | None]:
    """Seconds, and the largest sum of PSS (MB) over the command's process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    readable = Path("/proc/self/smaps_rollup").exists()
    while process.poll() is None:
        if readable:
            peak = max(peak, sum(_pss_kb(pid) for pid in _tree(process.pid)))
        time.sleep(every)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({process.returncode})")
    return seconds, (peak / 1024 if readable else None)
