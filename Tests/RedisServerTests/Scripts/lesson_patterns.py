"""The lesson's patterns through redis-py; prints results that must match on any Redis 7.0."""
import sys
import threading
import time

import redis

# protocol=2: the simulator speaks RESP2 (redis-py 8 asks for RESP3 by default).
r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), decode_responses=True, protocol=2)
r.flushall()

# A subscriber thread receives what a publisher sends.
received = []
ready = threading.Event()


def subscriber():
    pubsub = r.pubsub()
    pubsub.subscribe("news")
    for message in pubsub.listen():
        if message["type"] == "subscribe":
            ready.set()
        elif message["type"] == "message":
            received.append(message["data"])
            if message["data"] == "bye":
                pubsub.unsubscribe()
                pubsub.close()
                return


thread = threading.Thread(target=subscriber)
thread.start()
ready.wait(5)
print("numsub", r.pubsub_numsub("news"))
print("publish", [r.publish("news", text) for text in ["hello", "world", "bye"]])
thread.join(5)
print("received", received)

# A lock with SET NX EX.
print("lock", r.set("lock:report", "worker-1", nx=True, ex=10))
print("lock again", r.set("lock:report", "worker-2", nx=True, ex=10))
print("lock ttl", 0 < r.ttl("lock:report") <= 10)
if r.get("lock:report") == "worker-1":
    print("release", r.delete("lock:report"))

# A leaderboard.
r.zadd("board", {"alice": 10, "bob": 7, "carol": 12})
r.zincrby("board", 5, "bob")
print("top", r.zrevrange("board", 0, 2, withscores=True))
print("rank", r.zrevrank("board", "bob"), r.zscore("board", "bob"))

# A consumer group read and acknowledged.
ids = [r.xadd("orders", {"item": name}) for name in ["book", "lamp"]]
print("group", r.xgroup_create("orders", "shipping", id="0"))
batch = r.xreadgroup("shipping", "worker-1", {"orders": ">"}, count=10)
print("read", [(stream, [fields for _, fields in entries]) for stream, entries in batch])
print("pending", r.xpending("orders", "shipping")["pending"])
print("ack", r.xack("orders", "shipping", *ids))
print("pending after ack", r.xpending("orders", "shipping")["pending"])

# Pipelining and a transaction.
pipe = r.pipeline(transaction=True)
pipe.incr("visits").incr("visits").lpush("log", "a", "b")
print("transaction", pipe.execute())
