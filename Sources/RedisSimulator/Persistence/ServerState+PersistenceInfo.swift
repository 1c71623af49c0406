extension ServerState {
    /// INFO persistence, with Redis 7.0's fields in its order. Saves run to completion before
    /// the command that asked for them answers, so nothing is ever in progress or copied on write.
    var persistenceInfo: [(String, String)] {
        let p = persistence
        return [
            ("loading", "0"), ("async_loading", "0"), ("current_cow_peak", "0"), ("current_cow_size", "0"),
            ("current_cow_size_age", "0"), ("current_fork_perc", "0.00"), ("current_save_keys_processed", "0"),
            ("current_save_keys_total", "0"), ("rdb_changes_since_last_save", String(p.dirty)),
            ("rdb_bgsave_in_progress", "0"), ("rdb_last_save_time", String(p.lastSaveTime)),
            ("rdb_last_bgsave_status", p.lastBackgroundSaveOK ? "ok" : "err"),
            ("rdb_last_bgsave_time_sec", String(p.lastBackgroundSaveSeconds)), ("rdb_current_bgsave_time_sec", "-1"),
            ("rdb_saves", String(p.saves)), ("rdb_last_cow_size", "0"),
            ("rdb_last_load_keys_expired", String(p.lastLoadKeysExpired)),
            ("rdb_last_load_keys_loaded", String(p.lastLoadKeysLoaded)),
            ("aof_enabled", "0"), ("aof_rewrite_in_progress", "0"), ("aof_rewrite_scheduled", "0"),
            ("aof_last_rewrite_time_sec", "-1"), ("aof_current_rewrite_time_sec", "-1"),
            ("aof_last_bgrewrite_status", "ok"), ("aof_rewrites", "0"), ("aof_rewrites_consecutive_failures", "0"),
            ("aof_last_write_status", "ok"), ("aof_last_cow_size", "0"), ("module_fork_in_progress", "0"),
            ("module_fork_last_cow_size", "0"),
        ]
    }
}
