import Testing

/// The suites that start their own redis-server run one at a time: started together, two
/// servers may be handed the same free port and one test would talk to the other's server.
@Suite(.serialized) enum PersistenceServerTests {}
