/// A client's query buffer as Redis 7.0 sizes it, for CLIENT LIST's `qbuf` and `qbuf-free`:
/// 16 KB reads (a 20474-byte allocation), grown to hold a big argument, shrunk by the clients
/// cron to the recent peak, and freed once the client has been idle for over two seconds
/// (networking.c readQueryFromClient, server.c clientsCronResizeQueryBuffer).
struct QueryBufferModel {
    /// What one 16 KB read allocates, usable bytes.
    static let readAllocation = 20474
    static let readLength = 16384
    static let resizeThreshold = 32768

    /// The allocation, used and free (qbuf + qbuf-free).
    private(set) var allocation = QueryBufferModel.readAllocation
    /// The largest buffer the client needed since the last cron pass.
    private var peak = 0
    /// The bytes of the request being run (qbuf while it runs).
    private(set) var current = 0

    /// A request of `bytes` arrived and runs now.
    mutating func receive(_ bytes: Int) {
        if allocation == 0 { allocation = Self.readAllocation }
        if bytes >= Self.resizeThreshold {
            // A big argument gets a buffer of its own size.
            allocation = max(allocation, bytes)
            peak = max(peak, bytes)
        } else {
            peak = max(peak, bytes + Self.readLength)
        }
        current = bytes
    }

    /// The request has been run: its bytes leave the buffer.
    mutating func consumed() { current = 0 }

    /// One clients-cron pass for a client idle for `idleSeconds`.
    mutating func cron(idleSeconds: Int64) {
        if allocation - current > 4096 {
            if idleSeconds > 2 {
                allocation = current
            } else if allocation > Self.resizeThreshold, allocation / 2 > peak {
                allocation = max(current, peak)
            }
        }
        peak = current
    }
}

/// The size of a request in RESP: `*argc`, then `$len` and the bytes of each argument.
/// Counted with digit arithmetic: it runs for every command, where formatting each length as a
/// String cost more than the rest of a GET.
func requestBytes(_ args: [ByteString]) -> Int {
    var total = decimalDigits(args.count) + 3
    for argument in args {
        let count = argument.count
        total += decimalDigits(count) + 3 + count + 2
    }
    return total
}

/// The number of decimal digits of a non-negative `number`: compared, not divided, since the
/// lengths of a command's arguments are almost always below 100.
@inline(__always)
private func decimalDigits(_ number: Int) -> Int {
    if number < 10 { return 1 }
    if number < 100 { return 2 }
    var digits = 3
    var rest = number / 1000
    while rest > 0 {
        rest /= 10
        digits += 1
    }
    return digits
}

extension ServerState {
    /// Runs the clients cron at hz 10: with few clients Redis visits every client on each pass.
    func runClientsCron(now: Int64) {
        guard now >= nextClientsCron else { return }
        nextClientsCron = now + 100
        for client in clients.values {
            client.queryBuffer.cron(idleSeconds: (now - client.lastInteraction) / 1000)
            sampleOutputPeak(of: client, now: now)
        }
    }
}
