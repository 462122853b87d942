#!/usr/bin/env python3
"""Peer of the benchmark's jobs scenario: one command on many devices through Netmiko (Debian
python3-netmiko) from a pool of threads, as a Netmiko user scripts it.

Usage: netmiko_fanout.py THREADS COMMAND PORT...
Each worker connects to the simulated IOS-XE device on 127.0.0.1:PORT (admin/admin, enable secret
cisco), enters enable mode, runs COMMAND and disconnects. Prints "wall SECONDS", "ok N", "failed N"
"maxrss KIB" (peak resident set of this process) and "cpu SECONDS" (its user + system CPU time).
"""
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from netmiko import ConnectHandler


def one(port, command):
    connection = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port,
                                username="admin", password="admin", secret="cisco")
    try:
        connection.enable()
        return connection.send_command(command)
    finally:
        connection.disconnect()


def main():
    threads, command, ports = int(sys.argv[1]), sys.argv[2], [int(p) for p in sys.argv[3:]]
    started = time.perf_counter()
    ok = failed = 0
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for future in [pool.submit(one, port, command) for port in ports]:
            try:
                future.result()
                ok += 1
            except Exception as error:  # a device's failure is counted, as a job counts it
                failed += 1
                print("error %s" % error, file=sys.stderr, flush=True)
    print("wall %.6f" % (time.perf_counter() - started), flush=True)
    print("ok %d" % ok, flush=True)
    print("failed %d" % failed, flush=True)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print("maxrss %d" % usage.ru_maxrss, flush=True)
    print("cpu %.3f" % (usage.ru_utime + usage.ru_stime), flush=True)


if __name__ == "__main__":
    main()
