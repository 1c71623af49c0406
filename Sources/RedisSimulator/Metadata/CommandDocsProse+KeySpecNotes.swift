// Our own notes on the key specs Redis explains (COMMAND INFO's key-spec `notes`), one line
// per note: `name key-spec-index: note`. Written for this project.

extension CommandDocsProse {
    /// The note on key spec `index` of command `name`, where Redis has one.
    static func keySpecNote(_ name: String, _ index: Int) -> String? { keySpecNotes["\(name) \(index)"] }

    static let keySpecNotes: [String: String] = rows(keySpecNoteText)

    static let keySpecNoteText = """
        bitfield 0: The key may be read and changed by the same call.
        eval 0: What the script does with its keys is unknown, so the strongest access (RW, UPDATE) is assumed.
        eval_ro 0: What the script reads is unknown, so every key counts as read (RO, ACCESS).
        fcall 0: What the function does with its keys is unknown, so the strongest access (RW, UPDATE) is assumed.
        fcall_ro 0: What the function reads is unknown, so every key counts as read (RO, ACCESS).
        getex 0: RW and UPDATE: the key's expiry may change.
        pfcount 0: RW: counting may rewrite the key's encoding, and that rewrite reaches replicas.
        set 0: RW and ACCESS: with GET the old value is returned.
        sort 1: Keys that BY and GET patterns name: unknown, as they come from the values being sorted.
        sort 2: The STORE destination: unknown, as the keyword may stand anywhere among the arguments.
        sort_ro 1: Keys that BY and GET patterns name: unknown, as they come from the values being sorted.
        xadd 0: UPDATE rather than INSERT: adding may also trim the stream.
        """
}
