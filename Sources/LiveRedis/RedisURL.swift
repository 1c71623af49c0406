/// A parsed `redis://[user:pass@]host:port[/db]` or `unix:///path[?db=N]` address.
public struct RedisURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var database: Int
    /// The ACL user, when the URL names one (`redis://alice:secret@…`).
    public var user: String?
    /// The password, when the URL carries one.
    public var password: String?
    /// The unix socket path, for `unix://` URLs; `host` and `port` are then unused.
    public var socketPath: String?

    public init(
        host: String = "127.0.0.1", port: Int = 6379, database: Int = 0, user: String? = nil,
        password: String? = nil, socketPath: String? = nil
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.socketPath = socketPath
    }

    /// Parses a URL; the error says what is wrong and shows the accepted forms.
    public init(parsing text: String) throws(RedisURLError) {
        self.init()
        if text.hasPrefix("unix://") {
            try parseUnix(String(text.dropFirst("unix://".count)), original: text)
        } else if text.hasPrefix("redis://") {
            try parseTCP(String(text.dropFirst("redis://".count)), original: text)
        } else {
            throw RedisURLError(text, "it must start with redis:// or unix://")
        }
    }

    /// The URL without its password, safe to print.
    public var description: String {
        if let socketPath {
            return "unix://\(socketPath)" + (database == 0 ? "" : "?db=\(database)")
        }
        var credentials = ""
        if user != nil || password != nil {
            credentials = (user ?? "") + (password == nil ? "" : ":***") + "@"
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "redis://\(credentials)\(shownHost):\(port)" + (database == 0 ? "" : "/\(database)")
    }

    private mutating func parseUnix(_ rest: String, original: String) throws(RedisURLError) {
        var path = Substring(rest)
        if let query = path.firstIndex(of: "?") {
            try parseQuery(path[path.index(after: query)...], original: original)
            path = path[..<query]
        }
        guard path.hasPrefix("/") else { throw RedisURLError(original, "a unix socket path must be absolute") }
        socketPath = String(path)
    }

    private mutating func parseTCP(_ rest: String, original: String) throws(RedisURLError) {
        var remainder = Substring(rest)
        if let query = remainder.firstIndex(of: "?") {
            try parseQuery(remainder[remainder.index(after: query)...], original: original)
            remainder = remainder[..<query]
        }
        if let slash = remainder.firstIndex(of: "/") {
            let dbText = remainder[remainder.index(after: slash)...]
            if !dbText.isEmpty {
                guard let db = Int(dbText), db >= 0 else {
                    throw RedisURLError(original, "the database after '/' must be a number such as 0")
                }
                database = db
            }
            remainder = remainder[..<slash]
        }
        if let at = remainder.lastIndex(of: "@") {
            let credentials = remainder[..<at]
            remainder = remainder[remainder.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                let name = percentDecoded(credentials[..<colon])
                user = name.isEmpty ? nil : name
                password = percentDecoded(credentials[credentials.index(after: colon)...])
            } else if !credentials.isEmpty {
                // A lone word before '@' is a password, as redis-cli -u reads it.
                password = percentDecoded(credentials)
            }
        }
        var hostPart = remainder
        var portPart: Substring?
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else {
                throw RedisURLError(original, "an IPv6 address needs a closing ']'")
            }
            let after = hostPart[hostPart.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() }
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
        } else if let colon = hostPart.lastIndex(of: ":") {
            portPart = hostPart[hostPart.index(after: colon)...]
            hostPart = hostPart[..<colon]
        }
        if !hostPart.isEmpty { host = String(hostPart) }
        if let portPart {
            guard let number = Int(portPart), (1...65535).contains(number) else {
                throw RedisURLError(original, "the port must be a number from 1 to 65535")
            }
            port = number
        }
    }

    private mutating func parseQuery(_ query: Substring, original: String) throws(RedisURLError) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "db":
                guard let db = Int(parts[1]), db >= 0 else {
                    throw RedisURLError(original, "db= must be a number such as 0")
                }
                database = db
            case "password": password = percentDecoded(parts[1])
            case "user": user = percentDecoded(parts[1])
            default: continue
            }
        }
    }

    private func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A Redis URL that could not be read.
public struct RedisURLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and what the accepted forms are.
    public let message: String

    init(_ url: String, _ problem: String) {
        message = "invalid Redis URL '\(url)': \(problem) (use redis://[user:password@]host:port[/db] or unix:///path/to/redis.sock)"
    }

    public var description: String { message }
}
