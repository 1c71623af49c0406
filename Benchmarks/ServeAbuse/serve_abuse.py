#!/usr/bin/env python3
"""Abuse scenarios against a Redis-protocol server, measured from outside: resident memory,
file descriptors, CPU and other clients' PING latency. Run by serve-abuse.sh against
`redislings serve` and redis-server side by side. Loopback only; every loop is bounded.

    serve_abuse.py PORT PID SCENARIO [PASSWORD]
"""
import os, socket, sys, threading, time

PORT, PID, SCENARIO = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
PASSWORD = sys.argv[4] if len(sys.argv) > 4 else None


def rss_mb():
    with open(f"/proc/{PID}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return -1


def fds():
    return len(os.listdir(f"/proc/{PID}/fd"))


def cpu_seconds():
    with open(f"/proc/{PID}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def connect(auth=True):
    s = socket.create_connection(("127.0.0.1", PORT))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if auth and PASSWORD:
        command(s, "AUTH", PASSWORD)
    return s


def encode(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


def read_reply(s, buf=b""):
    """Reads one reply (simple types and flat arrays are enough here); returns (reply, rest)."""
    def need(n):
        nonlocal buf
        while len(buf) < n:
            chunk = s.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            buf += chunk

    def line():
        nonlocal buf
        while b"\r\n" not in buf:
            chunk = s.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            buf += chunk
        head, buf = buf.split(b"\r\n", 1)
        return head

    def value():
        nonlocal buf
        head = line()
        kind, rest = head[:1], head[1:]
        if kind in (b"+", b"-", b":"):
            return head
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            need(n + 2)
            data, buf = buf[:n], buf[n + 2:]
            return data
        if kind == b"*":
            n = int(rest)
            return [value() for _ in range(max(n, 0))]
        raise ValueError(head)

    return value(), buf


def command(s, *args):
    s.sendall(encode(*args))
    reply, _ = read_reply(s)
    return reply


def ping_latency(s):
    started = time.perf_counter()
    command(s, "PING")
    return (time.perf_counter() - started) * 1000


def report(name, value, unit=""):
    print(f"{name}: {value:.1f}{unit}" if isinstance(value, float) else f"{name}: {value}{unit}", flush=True)


def connect_close(rounds=4, per_round=5000):
    report("rss_start_mb", rss_mb())
    for r in range(rounds):
        for _ in range(per_round):
            s = connect()
            command(s, "PING")
            s.close()
        time.sleep(0.5)
        report(f"rss_after_{(r + 1) * per_round}_cycles_mb", rss_mb())


def partial_sets(rounds=10, size=50 * 1024 * 1024, auth=True):
    report("rss_start_mb", rss_mb())
    chunk = b"x" * (1024 * 1024)
    for r in range(rounds):
        s = connect(auth=auth)
        try:
            s.sendall(b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$%d\r\n" % size)
            sent = 0
            while sent < size - len(chunk):
                s.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server closed it: a limit did its work
        s.close()
        time.sleep(0.3)
        if r in (0, rounds // 2 - 1, rounds - 1):
            report(f"rss_after_{r + 1}_partial_{size >> 20}MB_mb", rss_mb())
    time.sleep(1)
    report("rss_end_mb", rss_mb())


def trickle(seconds=6.0, size=20 * 1024 * 1024, many_arguments=False):
    """Two clients hold 20 MB partial requests (one big argument, or many small ones) and
    send one more byte every 5 ms."""
    attackers = []
    for _ in range(2):
        s = connect()
        if many_arguments:
            count = size // 7
            s.sendall(b"*%d\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n" % (count + 1000) + b"$1\r\nx\r\n" * count)
        else:
            s.sendall(b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$%d\r\n" % size + b"x" * (size // 2))
        attackers.append(s)
    probe = connect()
    cpu_before = cpu_seconds()
    latencies = []
    deadline = time.time() + seconds
    stop = threading.Event()

    def drip():
        while not stop.is_set():
            for s in attackers:
                try:
                    s.sendall(b"$" if many_arguments else b"x")
                except OSError:
                    pass
            time.sleep(0.005)

    dripper = threading.Thread(target=drip)
    dripper.start()
    while time.time() < deadline:
        latencies.append(ping_latency(probe))
        time.sleep(0.05)
    stop.set()
    dripper.join()
    latencies.sort()
    report("trickle_ping_p50_ms", latencies[len(latencies) // 2])
    report("trickle_ping_max_ms", latencies[-1])
    report("trickle_server_cpu_s", cpu_seconds() - cpu_before)
    report("trickle_rss_mb", rss_mb())
    for s in attackers:
        s.close()


def client_line(admin, client_id):
    for line in command(admin, "CLIENT", "LIST").decode().splitlines():
        if line.startswith(f"id={client_id} "):
            return line
    return None


def slow_subscriber(messages=2000, size=100 * 1024):
    """A subscriber that never reads, under the default pubsub limit (32mb hard, 8mb soft for
    60 s): its output buffer as CLIENT LIST shows it, when it is dropped, and what is left."""
    time.sleep(0.5)
    report("fds_start", fds())
    report("rss_start_mb", rss_mb())
    sub = connect()
    sub.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sub_id = int(command(sub, "CLIENT", "ID")[1:])
    sub.sendall(encode("SUBSCRIBE", "ch"))
    time.sleep(0.2)
    pub = connect()
    payload = b"m" * size
    largest, dropped_after = "", None
    for i in range(messages):
        command(pub, "PUBLISH", "ch", payload)
        line = client_line(pub, sub_id)
        if line is None:
            dropped_after = i + 1
            break
        largest = " ".join(f for f in line.split() if f.split("=")[0] in ("obl", "oll", "omem"))
        if i % 100 == 99:
            report(f"rss_after_{i + 1}_messages_mb", rss_mb())
    report("last_client_list_before_drop", largest)
    report("subscriber_dropped_after_messages", dropped_after)
    info = command(pub, "INFO", "clients").decode()
    report("client_recent_max_output_buffer", info.split("client_recent_max_output_buffer:")[1].split()[0])
    sub.close()
    pub.close()
    time.sleep(1.5)
    report("fds_end", fds())
    report("rss_end_mb", rss_mb())


def blocked_pipeline(megabytes=28.6):
    report("rss_start_mb", rss_mb())
    s = connect()
    s.sendall(encode("BLPOP", "nokey", "0"))
    ping = b"*1\r\n$4\r\nPING\r\n"
    total = int(megabytes * 1024 * 1024)
    block = ping * (65536 // len(ping))
    s.setblocking(False)
    sent, deadline = 0, time.time() + 20
    while sent < total and time.time() < deadline:
        try:
            sent += s.send(block)
        except BlockingIOError:
            time.sleep(0.01)
    time.sleep(1)
    report("input_sent_mb", sent / 1048576)
    report("rss_while_blocked_mb", rss_mb())
    s.close()
    time.sleep(1)
    report("rss_after_close_mb", rss_mb())


def mass_expiry(keys=1_000_000):
    """A million keys due at one instant: other clients' PING latency while they expire."""
    s = connect()
    command(s, "FLUSHALL")
    # Loaded by scripts (100,000 keys each), so that the load is short beside the TTL even on
    # a busy machine; every key gets the same absolute expiry time.
    expire_at = int(time.time() * 1000) + 60000
    script = "for i = ARGV[2], ARGV[3] do redis.call('SET', 'k' .. i, 'v', 'PXAT', ARGV[1]) end return 1"
    for start in range(0, keys, 100000):
        command(s, "EVAL", script, 0, expire_at, start, min(keys, start + 100000) - 1)
    report("load_seconds_left_before_expiry", (expire_at / 1000) - time.time())
    report("keys_before", int(command(s, "DBSIZE")[1:]))
    probe = connect()
    latencies, emptied = [], None
    while time.time() * 1000 < expire_at - 1000:
        time.sleep(0.01)
    baseline = []
    while time.time() * 1000 < expire_at:
        baseline.append(ping_latency(probe))
        time.sleep(0.002)
    while time.time() * 1000 < expire_at + 8000:
        latencies.append(ping_latency(probe))
        if emptied is None and len(latencies) % 50 == 0 and int(command(s, "DBSIZE")[1:]) == 0:
            emptied = time.time() * 1000 - expire_at
        time.sleep(0.002)
    for name, values in (("before_expiry", baseline), ("during_expiry", latencies)):
        if not values:
            continue
        values.sort()
        report(f"{name}_pings", len(values))
        report(f"{name}_ping_p50_ms", values[len(values) // 2])
        report(f"{name}_ping_p99_ms", values[len(values) * 99 // 100])
        report(f"{name}_ping_max_ms", values[-1])
    report("all_expired_after_ms", emptied if emptied is not None else "not within 8 s")
    report("keys_after", int(command(s, "DBSIZE")[1:]))
    command(s, "FLUSHALL")


def dropped_connections(count=1000):
    """1,000 connections cut off mid-command, then 300 clients killed while blocked, subscribed
    or inside MULTI: the server's fds and RSS before, after the drops and after the kills."""
    time.sleep(0.5)
    report("fds_start", fds())
    report("rss_start_mb", rss_mb())
    for i in range(count):
        s = connect()
        s.sendall(b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\nxx")  # cut off mid-command
        s.close()
    time.sleep(1.5)
    report(f"fds_after_{count}_dropped", fds())
    report(f"rss_after_{count}_dropped_mb", rss_mb())
    killer = connect()
    kinds = [("BLPOP", "nokey", "0"), ("SUBSCRIBE", "ch"), ("MULTI",)]
    victims = []
    for i in range(300):
        s = connect()
        client_id = int(command(s, "CLIENT", "ID")[1:])
        s.sendall(encode(*kinds[i % 3]))
        if kinds[i % 3][0] != "BLPOP":
            read_reply(s)
        if kinds[i % 3][0] == "MULTI":
            command(s, "SET", "k", "v")  # queued
        victims.append((s, client_id))
    time.sleep(0.3)
    report("fds_with_300_victims", fds())
    for _, client_id in victims:
        command(killer, "CLIENT", "KILL", "ID", client_id)
    for s, _ in victims:
        s.close()
    report("clients_left", command(killer, "INFO", "clients").decode().split("connected_clients:")[1].split()[0])
    killer.close()
    time.sleep(1.5)
    report("fds_end", fds())
    report("rss_end_mb", rss_mb())


SCENARIOS = {
    "connect-close": connect_close,
    "partial-sets": partial_sets,
    "partial-sets-preauth": lambda: partial_sets(auth=False),
    "trickle": trickle,
    "trickle-many-arguments": lambda: trickle(many_arguments=True),
    "slow-subscriber": slow_subscriber,
    "blocked-pipeline": blocked_pipeline,
    "mass-expiry": mass_expiry,
    "dropped-connections": dropped_connections,
}

SCENARIOS[SCENARIO]()
