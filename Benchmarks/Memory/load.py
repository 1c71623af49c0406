"""Writes, as RESP on stdout for `redis-cli --pipe`, the commands that load one case of
Benchmarks/memory.sh; `load.py CASE ITEMS` loads ITEMS items (keys, fields, elements, members or
entries, whichever the case counts). `load.py --connections PORT COUNT` instead opens COUNT
connections (500 at a time), sends each a PING, reads PONG and closes it."""
import socket
import sys

SMALL = 10  # items per key in the "small" cases: under every listpack/intset threshold
BATCH = 100  # items per command in the "large" cases


def command(*words):
    parts = [b"*%d\r\n" % len(words)]
    for word in words:
        data = word if isinstance(word, bytes) else str(word).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


def small(verb, items, member):
    for key in range(items // SMALL):
        args = []
        for i in range(SMALL):
            args += member(i)
        yield command(verb, f"{verb.lower()}:{key}", *args)


def large(verb, items, member):
    for start in range(0, items, BATCH):
        args = []
        for i in range(start, min(items, start + BATCH)):
            args += member(i)
        yield command(verb, f"big:{verb.lower()}", *args)


def case(name, items):
    if name == "strings":
        return (command("SET", f"key:{i}", f"value:{i}") for i in range(items))
    if name == "hash-small":
        return small("HSET", items, lambda i: [f"field:{i}", f"value:{i}"])
    if name == "hash-large":
        return large("HSET", items, lambda i: [f"field:{i}", f"value:{i}"])
    if name == "list-small":
        return small("RPUSH", items, lambda i: [f"element:{i}"])
    if name == "list-large":
        return large("RPUSH", items, lambda i: [f"element:{i}"])
    if name == "set-small":  # integers: an intset
        return small("SADD", items, lambda i: [i])
    if name == "set-large":
        return large("SADD", items, lambda i: [f"member:{i}"])
    if name == "zset-small":
        return small("ZADD", items, lambda i: [i, f"member:{i}"])
    if name == "zset-large":
        return large("ZADD", items, lambda i: [i, f"member:{i}"])
    if name == "stream":
        return (command("XADD", "stream", "*", "f", i) for i in range(items))
    sys.exit(f"Error: unknown case {name!r}.")


def connections(port, count):
    done = 0
    while done < count:
        batch = [socket.create_connection(("127.0.0.1", port)) for _ in range(min(500, count - done))]
        for s in batch:
            s.sendall(command("PING"))
        for s in batch:
            reply = b""
            while not reply.endswith(b"\r\n"):
                chunk = s.recv(64)
                if not chunk:
                    sys.exit("Error: a connection closed before its PONG.")
                reply += chunk
            if reply != b"+PONG\r\n":
                sys.exit(f"Error: PING answered {reply!r}.")
            s.close()
        done += len(batch)


if __name__ == "__main__":
    if sys.argv[1] == "--connections":
        connections(int(sys.argv[2]), int(sys.argv[3]))
    else:
        out = sys.stdout.buffer
        for chunk in case(sys.argv[1], int(sys.argv[2])):
            out.write(chunk)
