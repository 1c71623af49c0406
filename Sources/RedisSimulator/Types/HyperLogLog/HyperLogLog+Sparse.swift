/// The sparse encoding: opcodes after the header, each a run of registers.
extension HyperLogLog {
    static let sparseValMaxValue: UInt8 = 32
    static let sparseValMaxLength = 4
    static let sparseZeroMaxLength = 64
    static let sparseXZeroMaxLength = 16384

    /// One opcode read at a byte position.
    struct SparseOpcode {
        enum Kind { case zero, xzero, val }
        let kind: Kind
        /// The registers it covers.
        let span: Int
        /// The value of a VAL run (0 for zero runs).
        let value: UInt8
        /// Its size in bytes.
        var size: Int { kind == .xzero ? 2 : 1 }

        /// The opcode at `position`; an XZERO cut off at the end reads its missing byte as zero,
        /// as Redis's does from the string's terminator.
        init(_ bytes: [UInt8], at position: Int) {
            let byte = bytes[position]
            if byte & 0xC0 == 0 {
                (kind, span, value) = (.zero, Int(byte & 0x3F) + 1, 0)
            } else if byte & 0x80 == 0 {
                let low = position + 1 < bytes.count ? Int(bytes[position + 1]) : 0
                (kind, span, value) = (.xzero, (Int(byte & 0x3F) << 8 | low) + 1, 0)
            } else {
                (kind, span, value) = (.val, Int(byte & 0x3) + 1, (byte >> 2 & 0x1F) + 1)
            }
        }
    }

    static func valOpcode(_ value: UInt8, _ length: Int) -> UInt8 { (value - 1) << 2 | UInt8(length - 1) | 0x80 }
    static func xzeroOpcode(_ length: Int) -> [UInt8] { [UInt8((length - 1) >> 8) | 0x40, UInt8((length - 1) & 0xFF)] }

    /// The opcodes for a run of `length` zero registers (one of 1…16384).
    static func zeroRun(_ length: Int) -> [UInt8] {
        length > sparseZeroMaxLength ? xzeroOpcode(length) : [UInt8(length - 1)]
    }

    /// Redis's hllSparseSet, step for step, so the bytes it leaves are the ones redis-server
    /// leaves: find the opcode covering `index`; if it must change, split it into at most three
    /// opcodes, then merge adjacent equal VAL runs in a window of five opcodes. Promotes to
    /// dense when `count` exceeds what VAL holds or the value would outgrow `sparseMaxBytes`.
    ///
    /// - Complexity: O(n) in the sparse length (at most `sparseMaxBytes`).
    static func sparseSet(_ bytes: inout [UInt8], _ index: Int, _ count: UInt8, sparseMaxBytes: Int) -> Int {
        if count > sparseValMaxValue { return promote(&bytes, index, count) }
        var position = headerSize, first = 0, previous: Int?
        var opcode: SparseOpcode?
        while position < bytes.count {
            let current = SparseOpcode(bytes, at: position)
            if index <= first + current.span - 1 {
                opcode = current
                break
            }
            previous = position
            position += current.size
            first += current.span
        }
        guard let opcode, position < bytes.count else { return -1 }

        updated: do {
            if opcode.kind == .val {
                if opcode.value >= count { return 0 }
                if opcode.span == 1 {
                    bytes[position] = valOpcode(count, 1)
                    break updated
                }
            }
            if opcode.kind == .zero && opcode.span == 1 {
                bytes[position] = valOpcode(count, 1)
                break updated
            }
            let last = first + opcode.span - 1
            var sequence: [UInt8] = []
            if opcode.kind == .val {
                if index != first { sequence.append(valOpcode(opcode.value, index - first)) }
                sequence.append(valOpcode(count, 1))
                if index != last { sequence.append(valOpcode(opcode.value, last - index)) }
            } else {
                if index != first { sequence += zeroRun(index - first) }
                sequence.append(valOpcode(count, 1))
                if index != last { sequence += zeroRun(last - index) }
            }
            let growth = sequence.count - opcode.size
            if growth > 0 && bytes.count + growth > sparseMaxBytes { return promote(&bytes, index, count) }
            if position + opcode.size <= bytes.count {
                bytes.replaceSubrange(position..<position + opcode.size, with: sequence)
            } else {
                // An XZERO cut off at the end: Redis read its second byte from the string's
                // terminator and writes the new opcodes from there, but its length grows only by
                // the difference, so the last new byte falls outside the value.
                let newCount = bytes.count + growth
                bytes.replaceSubrange(position..<bytes.count, with: sequence)
                bytes.removeLast(bytes.count - newCount)
            }
        }

        // Merge adjacent VAL runs of one value while they fit one opcode.
        var scan = previous ?? headerSize
        var window = 5
        while scan < bytes.count && window > 0 {
            window -= 1
            let here = SparseOpcode(bytes, at: scan)
            if here.kind != .val {
                scan += here.size
                continue
            }
            if scan + 1 < bytes.count, bytes[scan + 1] & 0x80 != 0 {
                let next = SparseOpcode(bytes, at: scan + 1)
                if next.value == here.value && here.span + next.span <= sparseValMaxLength {
                    bytes[scan + 1] = valOpcode(here.value, here.span + next.span)
                    bytes.remove(at: scan)
                    continue
                }
            }
            scan += 1
        }
        invalidateCache(&bytes)
        return 1
    }

    /// Converts to dense and sets the register there (Redis's `promote:` path).
    private static func promote(_ bytes: inout [UInt8], _ index: Int, _ count: UInt8) -> Int {
        guard sparseToDense(&bytes) else { return -1 }
        _ = denseSet(&bytes, index, count)
        return 1
    }

    /// Rewrites a sparse value as dense (header and cached cardinality kept); false, leaving the
    /// value as it was, when the opcodes do not cover exactly every register.
    ///
    /// - Complexity: O(n + 16384).
    @discardableResult
    static func sparseToDense(_ bytes: inout [UInt8]) -> Bool {
        if bytes[4] == dense { return true }
        var registers = [UInt8](repeating: 0, count: denseSize)
        registers.replaceSubrange(0..<headerSize, with: bytes[0..<headerSize])
        registers[4] = dense
        var valid = true
        let covered = forEachRun(bytes) { start, span, value in
            guard start + span <= registerCount else {
                valid = false
                return false
            }
            if value > 0 { for i in start..<start + span { writeDenseRegister(&registers, i, value) } }
            return true
        }
        guard valid, covered == registerCount else { return false }
        bytes = registers
        return true
    }

    /// Calls `body(first register, run length, value)` for each opcode of a sparse value until
    /// it returns false; returns the number of registers the opcodes covered.
    @discardableResult
    static func forEachRun(_ bytes: [UInt8], _ body: (Int, Int, UInt8) -> Bool) -> Int {
        var position = headerSize, index = 0
        while position < bytes.count {
            let opcode = SparseOpcode(bytes, at: position)
            guard body(index, opcode.span, opcode.value) else { return index }
            index += opcode.span
            position += opcode.size
        }
        return index
    }
}
