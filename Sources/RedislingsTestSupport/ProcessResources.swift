import Foundation

/// What a process holds, from /proc (Linux): to see that a server gives back what a run took.
public struct ProcessResources: Sendable, Equatable, CustomStringConvertible {
    /// Open file descriptors.
    public var fileDescriptors: Int
    /// Resident memory in kB (VmRSS).
    public var residentKilobytes: Int

    /// The resources of process `pid`; nil when /proc does not have it.
    public init?(pid: pid_t) {
        guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"),
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return nil }
        fileDescriptors = descriptors.count
        residentKilobytes = kilobytes
    }

    public var description: String { "\(fileDescriptors) fds, \(residentKilobytes / 1024) MB resident" }
}
