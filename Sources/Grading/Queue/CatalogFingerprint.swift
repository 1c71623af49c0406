import Exercises
import Foundation

/// A content hash that tells whether two machines hold the same exercises (or the same
/// submissions): FNV-1a, 128 bits as two 64-bit lanes. It guards against a worker with another
/// version of the course, not against an adversary; workers are trusted machines.
public struct CatalogFingerprint: Sendable {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x6c62_272e_07bb_0142

    public init() {}

    /// Adds `bytes`, then a separator, so ("ab", "c") and ("a", "bc") differ.
    public mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes { mix(byte) }
        mix(0xFF)
        mix(0x00)
    }

    public mutating func add(_ text: String) { add(text.utf8) }

    private mutating func mix(_ byte: UInt8) {
        first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        second = (second ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
    }

    /// The hash as 32 hex digits.
    public var hex: String {
        let digits = String(first, radix: 16) + ":" + String(second, radix: 16)
        return digits.split(separator: ":").map { String(repeating: "0", count: 16 - $0.count) + $0 }.joined()
    }

    /// The fingerprint of the files of `ids` in `exercises` (loaded from `directory`), in the
    /// order given, or an error naming the first exercise this catalog lacks or cannot read.
    public static func exercises(_ ids: [String], of exercises: [Exercise], directory: String) -> Result<String, GradingError> {
        var hash = CatalogFingerprint()
        for id in ids {
            guard let exercise = exercises.first(where: { $0.id == id }) else {
                return .failure(GradingError("this machine's exercises have no \(id)"))
            }
            let path = URL(fileURLWithPath: directory).appendingPathComponent(exercise.file).path
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(GradingError("cannot read \(path)"))
            }
            hash.add(id)
            hash.add(data)
        }
        return .success(hash.hex)
    }
}
