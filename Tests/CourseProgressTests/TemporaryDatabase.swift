import Foundation

/// A fresh directory for one test's database, removed when the test is done.
final class TemporaryDatabase {
    let directory: String
    var path: String { directory + "/progress.sqlite" }

    init() {
        directory = NSTemporaryDirectory() + "course-progress-\(UUID().uuidString)"
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func bytes() -> Data? { FileManager.default.contents(atPath: path) }
}

let day: TimeInterval = 86_400
let monday = Date(timeIntervalSince1970: 1_795_856_400)  // 2026-11-28T09:00:00Z
