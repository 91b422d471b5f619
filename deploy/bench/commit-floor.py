#!/usr/bin/env python3
"""The durable-commit floor of the disk under DIR, for deploy/bench/events-bench.sh.

A publish is answered once its SQLite transaction is committed with synchronous=FULL in WAL
mode (one fdatasync of the WAL), so a client that waits for each answer can publish no more
often than this disk commits. Measures, in a temporary directory under DIR:
  - one-row commits to a table shaped like the event store's (WAL, synchronous=FULL), and
  - the bare disk: a 4 KiB overwrite followed by fdatasync.
Prints one JSON line: medians in ms and the rates they allow.
Usage: commit-floor.py DIR [COUNT]
"""
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time


def sqlite_commits(directory, count):
    connection = sqlite3.connect(os.path.join(directory, "floor.sqlite"), isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE events (source INTEGER NOT NULL, off INTEGER NOT NULL, payload BLOB NOT NULL,"
                       " PRIMARY KEY (source, off)) WITHOUT ROWID")
    payload = b'{"i":0,"value":20.5,"unit":"celsius"}'
    times = []
    for offset in range(count):
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO events VALUES (1, ?, ?)", (offset, payload))
        connection.execute("COMMIT")
        times.append(time.perf_counter() - started)
    connection.close()
    return statistics.median(times)


def fdatasyncs(directory, count):
    path = os.path.join(directory, "floor.bin")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        block = b"x" * 4096
        os.pwrite(fd, block * 16, 0)
        os.fsync(fd)
        times = []
        for i in range(count):
            os.pwrite(fd, block, (i % 16) * 4096)
            started = time.perf_counter()
            os.fdatasync(fd)
            times.append(time.perf_counter() - started)
        return statistics.median(times)
    finally:
        os.close(fd)


def main():
    directory = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    with tempfile.TemporaryDirectory(dir=directory) as work:
        commit = sqlite_commits(work, count)
        sync = fdatasyncs(work, count)
    print(json.dumps({
        "sqliteCommitMs": round(commit * 1e3, 3), "sqliteCommitsPerSecond": round(1 / commit),
        "fdatasyncMs": round(sync * 1e3, 3), "fdatasyncsPerSecond": round(1 / sync),
    }))


if __name__ == "__main__":
    main()
