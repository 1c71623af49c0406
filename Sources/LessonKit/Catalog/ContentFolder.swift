import Foundation

/// The rules `CourseLocator` and `ExerciseLocator` share for a folder of course content
/// (`Lessons`, `Exercises`): where an installed copy and the source tree's copy are, and whether
/// a candidate is a folder.
public enum ContentFolder {
    /// The installed copy: `<executable dir>/../share/redislings/<name>`, links followed.
    public static func installed(_ name: String, executablePath: String) -> String {
        URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/redislings/" + name).path
    }

    /// The copy in the source tree this program was built from.
    public static func sourceTree(_ name: String) -> String {
        // This file is Sources/LessonKit/Catalog/ContentFolder.swift: four levels below the root.
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(name).path
    }

    /// The running program's path, for the installed copy.
    public static var executablePath: String? { Bundle.main.executablePath ?? CommandLine.arguments.first }

    /// True when `path` (relative to `workingDirectory` unless absolute) is a folder.
    public static func isDirectory(_ path: String, workingDirectory: String) -> Bool {
        let full = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: full, isDirectory: &flag) && flag.boolValue
    }
}
