import Foundation
import RESP
import Testing

/// What the socket does not take at once waits in the connection's queue, is written as the
/// client reads, and keeps its place among the replies behind it.
@Suite struct SlowReaderTests {
    @Test func repliesTheSocketCannotTakeAtOnceArriveWholeInOrderBeforeQuitCloses() async throws {
        let served = try await ServedSimulator()
        let admin = try RawClient(port: served.port)
        let size = 8 * 1024 * 1024
        let value = String(repeating: "v", count: size)
        admin.send("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$\(size)\r\n\(value)\r\n")
        #expect(try admin.read() == .ok)

        let reader = try RawClient(port: served.port)
        reader.send("CLIENT SETNAME slow\r\nGET big\r\nPING\r\nGET big\r\nQUIT\r\n")
        // The reader reads nothing yet: 16 MB cannot all be in the kernel's buffers.
        var waiting: String?
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(20))
            admin.send("CLIENT LIST\r\n")
            guard case .bulkString(let bytes)? = try admin.read() else { break }
            let list = String(decoding: bytes, as: UTF8.self)
            waiting = list.split(separator: "\n").first { $0.contains("name=slow") }.map(String.init)
            if let waiting, !waiting.contains("omem=0 ") { break }
        }
        let line = try #require(waiting)
        #expect(!line.contains("omem=0 "), "the slow reader's replies should be queued: \(line)")
        #expect(!line.contains("oll=0 "), "\(line)")

        let received = reader.readUntilQuiet(quietMilliseconds: 5000)
        let bulk = "$\(size)\r\n\(value)\r\n"
        let expected = "+OK\r\n" + bulk + "+PONG\r\n" + bulk + "+OK\r\n<closed>"
        #expect(received.count == expected.utf8.count)
        #expect(received == Array(expected.utf8))

        // The queue went with the connection: the server still answers.
        admin.send("PING\r\n")
        #expect(try admin.read() == .simpleString("PONG"))
        await served.stop()
    }

    /// CLIENT LIST counts what waits while the reader is slow, and nothing once it has read it.
    @Test func theQueueGaugeFallsBackToZeroOnceTheReaderCatchesUp() async throws {
        let served = try await ServedSimulator()
        let admin = try RawClient(port: served.port)
        let size = 8 * 1024 * 1024
        admin.send("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$\(size)\r\n\(String(repeating: "v", count: size))\r\n")
        #expect(try admin.read() == .ok)
        func readerLine() throws -> String? {
            admin.send("CLIENT LIST\r\n")
            guard case .bulkString(let bytes)? = try admin.read() else { return nil }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").first { $0.contains("name=lagging") }.map(String.init)
        }

        let reader = try RawClient(port: served.port)
        reader.send("CLIENT SETNAME lagging\r\nGET big\r\nGET big\r\n")
        var queued: String?
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(20))
            queued = try readerLine()
            if let queued, !queued.contains("omem=0 ") { break }
        }
        let before = try #require(queued)
        #expect(!before.contains("omem=0 ") && !before.contains("oll=0 "), "\(before)")

        let received = reader.readUntilQuiet(quietMilliseconds: 3000)
        #expect(received.count == 5 + 2 * ("$\(size)\r\n".utf8.count + size + 2))
        let after = try #require(try readerLine())
        #expect(after.contains(" omem=0 ") && after.contains(" oll=0 "), "\(after)")
        await served.stop()
    }
}
