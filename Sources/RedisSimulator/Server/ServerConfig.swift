/// The CONFIG parameters the simulator knows, with Redis 7.0's defaults.
struct ServerConfig {
    var values: [String: String] = [
        "maxmemory": "0",
        "maxmemory-policy": "noeviction",
        "notify-keyspace-events": "",
        "lua-time-limit": "5000",
        "busy-reply-threshold": "5000",
        "databases": "16",
        "port": "6379",
        "bind": "127.0.0.1",
        "timeout": "0",
        "save": "",
        "appendonly": "no",
    ]
}
