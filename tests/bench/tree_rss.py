#!/usr/bin/env python3
"""Run a command and report the peak resident memory of its whole process tree.

/usr/bin/time -v reports the largest single process, which misses OCR children
that run side by side. This polls /proc every --interval seconds, sums VmRSS
over the command and all its descendants, and prints on stderr:

  tree_rss peak_kb 812345 peak_processes 3 samples 420 seconds 84.2

Usage: tree_rss.py [--interval 0.1] [--timeout 3600] [--log FILE] -- COMMAND...
The command's own stdout and stderr pass through. The exit code is the command's.
"""
import argparse
import os
import subprocess
import sys
import time


def children_map():
    """Map each parent pid to its child pids, from /proc/PID/stat."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(name))
    return children


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_of(root):
    children = children_map()
    tree, stack = [], [root]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack.extend(children.get(pid, []))
    return tree


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between samples")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before the command is killed")
    parser.add_argument("--log", help="also write 'seconds total_kb processes' per sample to this file")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command after --")

    start = time.monotonic()
    process = subprocess.Popen(command)
    peak_kb, peak_processes, samples = 0, 0, 0
    log = open(args.log, "w", encoding="ascii") if args.log else None
    while process.poll() is None:
        elapsed = time.monotonic() - start
        if elapsed > args.timeout:
            process.kill()
            print(f"tree_rss: killed the command after {args.timeout:.0f} s", file=sys.stderr)
            break
        tree = tree_of(process.pid)
        total = sum(rss_kb(pid) for pid in tree)
        peak_kb, peak_processes = max(peak_kb, total), max(peak_processes, len(tree))
        samples += 1
        if log:
            log.write(f"{elapsed:.2f} {total} {len(tree)}\n")
        time.sleep(args.interval)
    code = process.wait()
    seconds = time.monotonic() - start
    print(f"tree_rss peak_kb {peak_kb} peak_processes {peak_processes} samples {samples} seconds {seconds:.1f}",
          file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
