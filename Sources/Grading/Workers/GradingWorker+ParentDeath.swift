import Foundation

extension GradingWorker {
    /// Ends this worker when the grader that started it dies (SIGKILL, a closed terminal), so
    /// no worker is left running a submission for nobody. The grader holds the only write end
    /// of the worker's standard input; when the grader dies the kernel closes it, and a thread
    /// that watches for that hang-up (without reading the requests) exits the process.
    /// PR_SET_PDEATHSIG would not do: it fires when the grader's *thread* that started the
    /// worker ends, and the grader starts workers from pool threads that come and go.
    public static func dieWithParent(_ parent: pid_t) {
        if getppid() != parent { exit(0) }
        let watcher = Thread {
            var standardInput = pollfd(fd: 0, events: 0, revents: 0)
            while true {
                let ready = poll(&standardInput, 1, -1)
                if ready < 0, errno == EINTR { continue }
                if ready < 0 || standardInput.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { _exit(0) }
            }
        }
        watcher.name = "redislings-worker-parent-watch"
        watcher.start()
    }
}
