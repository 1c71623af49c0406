/// What INFO persistence, LASTSAVE and SAVE's bookkeeping report: changes since the last save
/// (Redis's `dirty`), when and how the last save went.
struct PersistenceState {
    /// Changes since the last successful save (`rdb_changes_since_last_save`): one per command
    /// that changed a key (Redis counts some multi-element commands once per element).
    var dirty: Int64 = 0
    /// Set when a key is modified; the dispatcher turns it into one change per command.
    var changedDuringCommand = false
    /// Unix seconds of the last successful save, or of the start (`rdb_last_save_time`, LASTSAVE).
    var lastSaveTime: Int64
    /// Whether the last background save succeeded (`rdb_last_bgsave_status`).
    var lastBackgroundSaveOK = true
    /// Seconds the last background save took, -1 before the first (`rdb_last_bgsave_time_sec`).
    var lastBackgroundSaveSeconds: Int64 = -1
    /// Why the last failed save failed (what Redis writes to its log), nil after a success.
    var lastSaveFailure: String?
    /// Successful saves since the start (`rdb_saves`).
    var saves: Int64 = 0
    /// Keys the last load read, and those it skipped as already expired.
    var lastLoadKeysLoaded: Int64 = 0
    var lastLoadKeysExpired: Int64 = 0

    init(now: Int64) { lastSaveTime = now / 1000 }
}
