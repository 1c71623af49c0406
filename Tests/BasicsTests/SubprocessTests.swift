import Basics
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SubprocessTests {
    @Test func runCollectsBothStreamsAndTheExitStatus() throws {
        let output = try Subprocess.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"])
        #expect(String(decoding: output.standardOutput, as: UTF8.self) == "out\n")
        #expect(String(decoding: output.standardError, as: UTF8.self) == "err\n")
        #expect(output.termination.exitStatus == 3)
        #expect(output.termination.signal == nil)
        #expect(output.termination.description == "exited with status 3")
    }

    @Test func aChildFillingBothPipesDoesNotWaitForEver() throws {
        // 1 MB on each stream, far past a pipe's buffer: read one after the other, this hangs.
        let output = try Subprocess.run(["/bin/sh", "-c", "head -c 1048576 /dev/zero >&2; head -c 1048576 /dev/zero"])
        #expect(output.standardOutput.count == 1_048_576)
        #expect(output.standardError.count == 1_048_576)
        #expect(output.termination.exitStatus == 0)
    }

    @Test func theEnvironmentIsExactlyTheOneGiven() throws {
        let output = try Subprocess.run(["/usr/bin/env"], environment: ["ONLY": "this"])
        #expect(String(decoding: output.standardOutput, as: UTF8.self) == "ONLY=this\n")
    }

    @Test func aSignalThatEndsTheChildIsReported() throws {
        var options = Subprocess.Options()
        options.standardOutput = .nullDevice
        options.defaultSignals = [SIGTERM]
        let child = try Subprocess(["/bin/sh", "-c", "sleep 30"], options)
        #expect(child.poll() == nil)
        child.signal(SIGTERM)
        let ending = child.wait()
        #expect(ending.signal == SIGTERM)
        #expect(ending.shellStatus == 128 + SIGTERM)
        #expect(ending.description == "was ended by signal \(SIGTERM)")
    }

    @Test func aMissingProgramIsAnErrorNamingIt() {
        #expect {
            try Subprocess(["/nonexistent/program"])
        } throws: { error in
            (error as? SubprocessError)?.description == "cannot start /nonexistent/program: No such file or directory"
        }
    }
}

@Suite struct SeededGeneratorTests {
    @Test func theSameSeedGivesTheSameSequence() {
        var first = SeededGenerator(seed: 42), second = SeededGenerator(seed: 42), other = SeededGenerator(seed: 43)
        let a = (0..<8).map { _ in first.next() }
        #expect(a == (0..<8).map { _ in second.next() })
        #expect(a != (0..<8).map { _ in other.next() })
    }

    @Test func itIsSplitMix64() {
        // SplitMix64's published first output for seed 0.
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    }
}
