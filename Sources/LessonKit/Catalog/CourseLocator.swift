import Foundation

/// Finds the lessons folder: `--lessons DIR`, else `$REDISLINGS_COURSE`, else `./Lessons`,
/// else the installed course `<executable dir>/../share/redislings/Lessons`, else the
/// `Lessons` folder of the source tree the program was built from.
public struct CourseLocator: Sendable {
    /// Where a course folder came from.
    public enum Origin: String, Sendable, Equatable {
        case option, environment, workingDirectory, installed, sourceTree
    }

    /// A found course folder.
    public struct Location: Sendable, Equatable {
        /// The folder.
        public var directory: String
        /// Which rule found it.
        public var origin: Origin
    }

    /// The environment (for `REDISLINGS_COURSE`).
    public var environment: [String: String]
    /// The folder `./Lessons` is relative to.
    public var workingDirectory: String
    /// The running program's path, for the installed course.
    public var executablePath: String?
    /// The source tree's `Lessons` folder.
    public var sourceTreeCourse: String?

    /// A locator with the given surroundings (tests pass their own).
    public init(environment: [String: String], workingDirectory: String, executablePath: String?, sourceTreeCourse: String?) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.executablePath = executablePath
        self.sourceTreeCourse = sourceTreeCourse
    }

    /// The locator for this process.
    public static var current: CourseLocator {
        CourseLocator(
            environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath,
            executablePath: ContentFolder.executablePath,
            sourceTreeCourse: ContentFolder.sourceTree("Lessons"))
    }

    /// The folders tried after `--lessons`, in order, with the rule behind each.
    public var candidates: [Location] {
        var found: [Location] = []
        if let course = environment["REDISLINGS_COURSE"], !course.isEmpty { found.append(Location(directory: course, origin: .environment)) }
        found.append(Location(directory: "Lessons", origin: .workingDirectory))
        if let executablePath {
            let installed = ContentFolder.installed("Lessons", executablePath: executablePath)
            found.append(Location(directory: installed, origin: .installed))
        }
        if let sourceTreeCourse { found.append(Location(directory: sourceTreeCourse, origin: .sourceTree)) }
        return found
    }

    /// The course folder to use: `explicit` (from `--lessons`) if given, which must exist;
    /// `REDISLINGS_COURSE` if set, which must exist; else the first of the others that exists.
    public func locate(explicit: String?) throws(CatalogError) -> Location {
        if let explicit {
            guard isDirectory(explicit) else {
                throw CatalogError(directory: explicit, message: "no lessons folder at \(explicit)")
            }
            return Location(directory: explicit, origin: .option)
        }
        for candidate in candidates {
            if isDirectory(candidate.directory) { return candidate }
            if candidate.origin == .environment {
                throw CatalogError(directory: candidate.directory, message: "REDISLINGS_COURSE names \(candidate.directory), which is not a folder")
            }
        }
        let tried = candidates.map(\.directory).joined(separator: ", ")
        throw CatalogError(directory: "Lessons", message: "no lessons folder found (looked in \(tried))")
    }

    private func isDirectory(_ path: String) -> Bool {
        ContentFolder.isDirectory(path, workingDirectory: workingDirectory)
    }
}
