import Foundation
import RedislingsTestSupport
import Testing

/// Kills `redislings quiz` with SIGKILL at random moments while it saves answers, then checks
/// that the database is whole and holds every answer the program had confirmed.
@Suite struct ProgressKillTests {
    /// Lesson 16's quiz: right and wrong answers mixed, so some writes also create review
    /// cards, and one command answer, which is run before it is saved.
    static let lesson = "16"
    static let answers = ["B", "A", "XGROUP CREATE jobs mailers $ MKSTREAM", "AC", "C", "B", "A", "BC", "B", "D"]

    @Test func aKilledQuizLeavesAConsistentDatabase() async throws {
        let binary = try RedislingsBinary.built()
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            print("skipped: the sqlite3 command-line tool is not installed")
            return
        }
        let home = NSTemporaryDirectory() + "redislings-kill-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let runs = 40
        // Kill at spread-out moments within a run (and a few after it ended, which must change
        // nothing). A run's length depends on the machine's load, so whole runs are timed first
        // and the kills fall at fractions of the shortest: timed once, a slow first run (cold
        // caches) put every kill after the quick runs that followed had ended.
        let fractions = (0..<runs).map { _ in Double.random(in: 0.05...1.3) }
        let quizRun = "\(quoted(binary.path)) --lessons \(quoted(QuizCommandsTests.lessons)) quiz \(Self.lesson) --restart "
            + "--answers \(quoted(Self.answers.joined(separator: ",")))"
        var script = """
            export REDISLINGS_HOME=\(quoted(home)) REDISLINGS_NOW=2026-11-28T09:00:00Z
            full=0
            for timed in 1 2 3; do
                start=$(date +%s%N); \(quizRun) > /dev/null 2>&1; took=$(( $(date +%s%N) - start ))
                if [ $full = 0 ] || [ $took -lt $full ]; then full=$took; fi
            done

            """
        // The load can also change while the kills go on (CI replica 23: every kill came before the
        // first answer once other tests loaded both cores): a kill aimed well into a run that found
        // nothing shown lengthens the runs the next kills aim at, and one aimed well before the end
        // that found the quiz finished shortens them.
        for (run, fraction) in fractions.enumerated() {
            let output = "\(quoted(home))/out.\(run)"
            script += """
                \(quizRun) > \(output) 2>&1 &
                pid=$!; sleep $(awk "BEGIN { printf \\"%.3f\\", $full * \(String(format: "%.3f", fraction)) / 1e9 }"); kill -9 $pid 2>/dev/null; wait $pid
                shown=$(grep -o -e '✓ Right.' -e '✗ Not quite' \(output) | wc -l)

                """
            if fraction >= 0.3 { script += "if [ $shown = 0 ]; then full=$((full * 5 / 4)); fi\n" }
            if fraction <= 0.8 { script += "if [ $shown = \(Self.answers.count) ]; then full=$((full * 4 / 5)); fi\n" }
        }
        let result = try await runShellOffThePool(script, timeout: 300)
        #expect(result.status == 0 || result.status == 137, "\(result.output)")

        // Every answer the program confirmed on screen was saved before it said so.
        var confirmed = 0
        for run in 0..<runs {
            let output = (try? String(contentsOfFile: "\(home)/out.\(run)", encoding: .utf8)) ?? ""
            confirmed += output.components(separatedBy: "✓ Right.").count - 1
            confirmed += output.components(separatedBy: "✗ Not quite").count - 1
        }
        let database = home + "/progress.sqlite"
        func query(_ sql: String) throws -> String {
            let output = try runShell("sqlite3 \(quoted(database)) \(quoted(sql))")
            #expect(output.status == 0, "\(sql): \(output.output)")
            return output.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try query("PRAGMA integrity_check") == "ok")
        let stored = try #require(Int(try query("SELECT COUNT(*) FROM quiz_answer")))
        #expect(stored >= confirmed)
        // At most one answer per run can be saved and not yet shown when the kill comes.
        #expect(stored <= confirmed + runs)
        // Each attempt holds the first questions in order, with no gap, and no more than the quiz has.
        #expect(try query("""
            SELECT COUNT(*) FROM quiz_attempt t WHERE
              (SELECT COUNT(*) FROM quiz_answer a WHERE a.attempt_id = t.id) != COALESCE((SELECT MAX(question) FROM quiz_answer a WHERE a.attempt_id = t.id), 0)
              OR (SELECT COUNT(*) FROM quiz_answer a WHERE a.attempt_id = t.id) > \(Self.answers.count)
            """) == "0")
        // A finished attempt has all its answers and the score they add up to.
        #expect(try query("""
            SELECT COUNT(*) FROM quiz_attempt t WHERE t.finished_at IS NOT NULL AND (
              (SELECT COUNT(*) FROM quiz_answer a WHERE a.attempt_id = t.id) != \(Self.answers.count)
              OR t.score != (SELECT COUNT(*) FROM quiz_answer a WHERE a.attempt_id = t.id AND a.correct))
            """) == "0")
        // A wrong answer and its review card are written together.
        #expect(try query("""
            SELECT COUNT(*) FROM quiz_answer a JOIN quiz_attempt t ON t.id = a.attempt_id
            WHERE NOT a.correct AND NOT EXISTS (SELECT 1 FROM review_card c WHERE c.lesson = t.lesson AND c.question = a.question)
            """) == "0")
        // The kills did land in the middle of quizzes (else this test would prove nothing).
        let interrupted = try #require(Int(try query("""
            SELECT COUNT(*) FROM quiz_attempt t WHERE t.finished_at IS NULL AND EXISTS (SELECT 1 FROM quiz_answer a WHERE a.attempt_id = t.id)
            """)))
        #expect(interrupted > 0)
        print("kill test: \(runs) runs, \(interrupted) stopped mid-quiz, \(stored) answers saved, \(confirmed) shown")
        // And the program itself still opens it.
        let progress = try await binary.runOffThePool(["--lessons", QuizCommandsTests.lessons, "progress", "--json"], in: home, environment: ["REDISLINGS_HOME": home])
        progress.expect(status: 0)
    }
}

/// `text` in single quotes for /bin/sh.
private func quoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
