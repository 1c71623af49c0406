import Foundation
import Testing
import Basics
import RESP
@testable import RedisSimulator

/// LOLWUT's version choice, argument errors and drawing geometry (the bytes of drawings
/// without randomness are compared with redis-server in `Differential/lolwut.cases`).
@Suite struct LolwutTests {
    let simulator = manualSimulator()

    @Test func withoutAKnownVersionItNamesTheServerVersion() {
        let two = RecordingClient(simulator), three = RecordingClient(simulator)
        three.run("HELLO", "3")
        #expect(two.reply("LOLWUT") == .bulk("Redis ver. 7.0.15\n"))
        #expect(three.reply("LOLWUT", "VERSION", "7") == .verbatim("Redis ver. 7.0.15\n"))
        // The version is printed as a C unsigned int: -1 wraps to 4294967295, not to 5 or 6.
        #expect(two.reply("LOLWUT", "VERSION", "-1") == .bulk("Redis ver. 7.0.15\n"))
        #expect(two.reply("LOLWUT", "VERSION", "x") == .error("ERR value is not an integer or out of range"))
        #expect(two.reply("LOLWUT", "VERSION", "5", "1", "x") == .error("ERR value is not an integer or out of range"))
    }

    @Test func versionNumbersWrapModulo2To32() {
        let client = RecordingClient(simulator)
        guard case .bulkString(let text)? = client.reply("LOLWUT", "VERSION", "4294967301", "3", "1", "1") else {
            Issue.record("LOLWUT VERSION 4294967301 must draw version 5's Schotter")
            return
        }
        #expect(String(decoding: text, as: UTF8.self).hasSuffix("\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. 7.0.15\n"))
    }

    @Test func schotterHasTheCanvasRedisComputes() {
        for (columns, perRow, perColumn) in [(66, 8, 12), (1, 1, 1), (30, 4, 7), (1000, 200, 3)] {
            var random = SeededGenerator(seed: UInt64(columns * perColumn))
            let rand = { Int.random(in: 0...LolwutArt.randMax, using: &random) }
            let text = String(decoding: LolwutArt.schotter(columns: columns, squaresPerRow: perRow, squaresPerColumn: perColumn, rand: rand), as: UTF8.self)
            let width = columns * 2, padding = width > 4 ? 2 : 0
            let side = Float(width - padding * 2) / Float(perRow)
            let height = Int(side * Float(perColumn) + Float(padding * 2))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == (height + 3) / 4 + ((height - 1) % 4 == 0 ? 0 : 1), "\(columns) \(perRow) \(perColumn)")
            #expect(lines.dropLast(lines.last == "" ? 1 : 0).allSatisfy { $0.unicodeScalars.count == columns })
            #expect(text.unicodeScalars.allSatisfy { $0 == "\n" || (0x2800...0x28FF).contains($0.value) })
        }
    }

    /// C's rand() as redis-server 7.0.15 had it when run with a preloaded rand() of this
    /// PCG-style sequence (seed 42, the upper 31 bits of each state): the FNV-1a hashes below
    /// are of that server's replies to LOLWUT VERSION 5 30 4 7 and LOLWUT VERSION 6 13 9.
    struct RecordedRand {
        var state: UInt64 = 42
        mutating func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf29ce484222325) { ($0 ^ UInt64($1)) &* 0x100000001b3 }
    }

    @Test func givenRedisRandomNumbersTheDrawingsAreRedis() {
        var schotterRand = RecordedRand()
        let schotter = LolwutArt.schotter(columns: 30, squaresPerRow: 4, squaresPerColumn: 7, rand: { schotterRand.next() })
            + Array("\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. 7.0.15\n".utf8)
        #expect(schotter.count == 2432)
        #expect(Self.fnv1a(schotter) == 0x0ba9baa33f859608)
        var skylineRand = RecordedRand()
        let skyline = LolwutArt.skyline(columns: 13, rows: 9, rand: { skylineRand.next() })
            + Array("\nDedicated to the 8 bit game developers of past and present.\nOriginal 8 bit image from Plaguemon by hikikomori. Redis ver. 7.0.15\n".utf8)
        #expect(skyline.count == 1952)
        #expect(Self.fnv1a(skyline) == 0xfa10a21fc820b228)
    }

    @Test func aSeededDrawingIsReproducible() {
        var first = SeededGenerator(seed: 7), second = SeededGenerator(seed: 7), third = SeededGenerator(seed: 7)
        let one = LolwutArt.skyline(columns: 40, rows: 12, rand: { Int.random(in: 0...LolwutArt.randMax, using: &first) })
        let two = LolwutArt.skyline(columns: 40, rows: 12, rand: { Int.random(in: 0...LolwutArt.randMax, using: &second) })
        #expect(one == two)
        let drawing = String(decoding: LolwutArt.skyline(columns: 40, rows: 12, rand: { Int.random(in: 0...LolwutArt.randMax, using: &third) }), as: UTF8.self)
        let lines = drawing.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 12)
        #expect(lines.allSatisfy { $0.components(separatedBy: "\u{1B}[0m").count - 1 == 40 })
        // Towers stand on the bottom row: it is not all white background.
        #expect(lines[11].components(separatedBy: "0;97;107m").count - 1 < 40)
    }
}
