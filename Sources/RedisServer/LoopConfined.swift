/// A value read and written on one event loop's thread only, by code that has checked it runs
/// there: unlike `NIOLoopBound`, reading it does not check the thread again, which matters on
/// the path every published message takes.
final class LoopConfined<Value>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) { self.value = value }
}
