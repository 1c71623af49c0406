import Foundation
import Synchronization
import RedislingsTestSupport
import Testing
@testable import RedisServer

/// Memory freed in bulk goes back to the system once, and only once per bulk.
@Suite(.computesForSeconds) struct FreedMemoryReturnTests {
    /// A stand-in allocator whose free bytes the test sets, counting the trims asked of it.
    final class FakeAllocator: Sendable {
        let free = Mutex(0)
        let trims = Mutex(0)
        func returner(threshold: Int) -> FreedMemoryReturn {
            FreedMemoryReturn(
                threshold: threshold, freeBytes: { self.free.withLock { $0 } }, trim: { self.trims.withLock { $0 += 1 } })
        }
    }

    @Test func trimsOnceWhenEnoughIsFreedAndAgainOnlyAfterMoreIsFreed() {
        let allocator = FakeAllocator()
        let returner = allocator.returner(threshold: 100)
        allocator.free.withLock { $0 = 99 }
        #expect(!returner.check())
        allocator.free.withLock { $0 = 150 }
        #expect(returner.check())
        // Trimmed pages stay counted as free: the same figure must not trim again every tick.
        #expect(!returner.check())
        #expect(!returner.check())
        // Reused, then freed again: a second bulk free is a second trim.
        allocator.free.withLock { $0 = 20 }
        #expect(!returner.check())
        allocator.free.withLock { $0 = 119 }
        #expect(!returner.check())
        allocator.free.withLock { $0 = 120 }
        #expect(returner.check())
        #expect(allocator.trims.withLock { $0 } == 2)
    }

    #if os(Linux)
    /// glibc raises its mmap threshold to the size of each large block unmapped, so afterwards
    /// blocks of that size come from the heap and stay resident at its top; the returner fixes
    /// the thresholds so a block over 1 MB is still mapped apart (and unmapped when freed).
    /// 16 MB, well under the 24 MB the freed block would raise the threshold to. The heap is
    /// shared with every test running beside it, and a free chunk there as large as the request
    /// serves it whatever the thresholds (CI saw one of 2 MB, and stop 29's replica one of
    /// 16 MB): such chunks are few, so the blocks that come from the heap are held and the
    /// request made again. With the thresholds left raised, every one would come from the heap.
    /// Not an exit test: Swift Testing's monitor of exit tests spun on the other tests'
    /// unreaped children and stalled the whole run (CI replica 16).
    @Test func largeBlocksStayMappedApartAfterALargerOneIsFreed() throws {
        _ = FreedMemoryReturn()
        let larger = try #require(malloc(24 << 20))
        free(larger)
        var fromTheHeap: [UnsafeMutableRawPointer] = []
        defer { for block in fromTheHeap { free(block) } }
        for _ in 0..<8 {
            let block = try #require(malloc(16 << 20))
            // glibc's chunk header before the block: bit 1 marks a block mapped on its own;
            // without it the block came from the heap, where freeing it returns nothing.
            let header = (block - MemoryLayout<Int>.size).load(as: UInt.self)
            if header & 2 != 0 {
                free(block)
                return
            }
            fromTheHeap.append(block)
        }
        Issue.record("eight 16 MB blocks in a row came from the heap after a 24 MB one was freed")
    }
    #endif

    #if os(Linux)
    /// glibc keeps freed pages between live allocations resident; the returner gives them back.
    /// Judged by the freed blocks' own pages (`mincore`), not the process's VmRSS: the tests
    /// running beside this one allocate and free in the same process, which moved VmRSS by more
    /// than the trim released (CI replica 22: a drop of 16,820 kB where 25,000 was wanted).
    @Test func freedHeapPagesLeaveTheResidentSet() throws {
        let blocks = (0..<100_000).map { _ in
            let block = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 16)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: 512)
            return block
        }
        // One block in a hundred stays, so no freed range is at the top of the heap, where free
        // would give it back on its own.
        var kept: [UnsafeMutableRawPointer] = []
        var freed: [UnsafeMutableRawPointer] = []
        for (index, block) in blocks.enumerated() {
            if index % 100 == 0 { kept.append(block) } else { freed.append(block) }
        }
        defer { for block in kept { block.deallocate() } }
        let pages = FreedPages(around: freed, byteCount: 512)
        for block in freed { block.deallocate() }
        let before = try pages.residentCount()
        #expect(FreedMemoryReturn(threshold: 8 << 20).check())
        let after = try pages.residentCount()
        // The freed blocks span about 52 MB, 46 MB of it in whole pages; ask for 25 MB of them.
        let wanted = 25_000 * 1024 / pages.pageSize
        #expect(
            before - after >= wanted,
            "of the freed blocks' \(pages.count) whole pages, \(before) were resident before the trim and \(after) after; wanted \(wanted) fewer")
    }

    /// The pages lying wholly inside runs of blocks that sit next to one another in the heap:
    /// once the blocks are freed, the pages a trim can give back.
    struct FreedPages {
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        private(set) var runs: [Range<UInt>] = []

        init(around blocks: [UnsafeMutableRawPointer], byteCount: Int) {
            // glibc puts a 16-byte chunk header between neighbouring blocks.
            let neighbourGap: UInt = 64
            let starts = blocks.map { UInt(bitPattern: $0) }.sorted()
            var run: Range<UInt>?
            for start in starts {
                let block = start..<(start + UInt(byteCount))
                if let current = run, block.lowerBound <= current.upperBound + neighbourGap {
                    run = current.lowerBound..<block.upperBound
                } else {
                    if let current = run { appendWholePages(of: current) }
                    run = block
                }
            }
            if let current = run { appendWholePages(of: current) }
        }

        private mutating func appendWholePages(of run: Range<UInt>) {
            let page = UInt(pageSize)
            let first = (run.lowerBound + page - 1) / page * page
            let end = run.upperBound / page * page
            if first < end { runs.append(first..<end) }
        }

        /// How many whole pages there are.
        var count: Int { runs.reduce(0) { $0 + Int($1.count) / pageSize } }

        /// How many of the pages are resident now.
        func residentCount() throws -> Int {
            try runs.reduce(0) { total, run in
                var status = [UInt8](repeating: 0, count: Int(run.count) / pageSize)
                let address = UnsafeMutableRawPointer(bitPattern: run.lowerBound)
                try #require(mincore(address, Int(run.count), &status) == 0, "mincore failed: errno \(errno)")
                return total + status.reduce(0) { $0 + Int($1 & 1) }
            }
        }
    }
    #endif
}
