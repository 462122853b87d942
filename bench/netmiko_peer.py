#!/usr/bin/env python3
"""Peer of the benchmark's scenario 2: a command sequence through Netmiko (Debian python3-netmiko).

Usage: netmiko_peer.py PORT ROUNDS COMMAND...
Connects to the simulated IOS-XE device on 127.0.0.1:PORT (admin/admin, enable secret cisco),
enters enable mode, then runs the commands ROUNDS times. Prints "connect SECONDS", then one
"command SECONDS" line per command.
"""
import sys
import time

from netmiko import ConnectHandler


def main():
    port, rounds, commands = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    started = time.perf_counter()
    connection = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port,
                                username="admin", password="admin", secret="cisco")
    connection.enable()
    print("connect %.6f" % (time.perf_counter() - started), flush=True)
    for _ in range(rounds):
        for command in commands:
            begun = time.perf_counter()
            connection.send_command(command)
            print("command %.6f" % (time.perf_counter() - begun), flush=True)
    connection.disconnect()


if __name__ == "__main__":
    main()
