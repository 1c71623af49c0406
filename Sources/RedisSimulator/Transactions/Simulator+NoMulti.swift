import RESP

extension Simulator {
    /// What a command the server runs itself (SHUTDOWN) answers inside MULTI: Redis refuses
    /// `no-multi` commands there and dooms the transaction, so EXEC answers EXECABORT. Nil
    /// outside MULTI.
    public func refuseInsideTransaction(for client: SimulatorClient) -> RESPValue? {
        withLock { _ in
            guard client.transaction.inMulti else { return nil }
            client.transaction.aborted = true
            return .error("ERR Command not allowed inside a transaction")
        }
    }
}
