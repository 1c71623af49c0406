// Our own description of each change in a command's history (COMMAND DOCS `history`), one
// line per entry: `name version: what changed`, in the order Redis lists the versions.
// Written for this project.

extension CommandDocsProse {
    static let historyText = """
        acl|getuser 6.2.0: Shows the user's Pub/Sub channel patterns.
        acl|getuser 7.0.0: Shows selectors; key and channel patterns appear as rules instead of lists.
        acl|setuser 6.2.0: Accepts Pub/Sub channel patterns.
        acl|setuser 7.0.0: Accepts selectors and read or write permissions per key pattern.
        auth 6.0.0: Accepts a user name before the password (ACL users).
        bgsave 3.2.2: New SCHEDULE option.
        bitcount 7.0.0: New BYTE and BIT units for the range.
        bitpos 7.0.0: New BYTE and BIT units for the range.
        blpop 6.0.0: The timeout may have a fractional part.
        brpop 6.0.0: The timeout may have a fractional part.
        brpoplpush 6.0.0: The timeout may have a fractional part.
        bzpopmax 6.0.0: The timeout may have a fractional part.
        bzpopmin 6.0.0: The timeout may have a fractional part.
        client|kill 2.8.12: Filters given as option and value pairs.
        client|kill 2.8.12: New ID filter.
        client|kill 3.2.0: TYPE accepts master.
        client|kill 5.0.0: TYPE accepts replica; slave remains as an older spelling.
        client|kill 6.2.0: New LADDR filter.
        client|list 2.8.12: Each line shows the client's id.
        client|list 5.0.0: New TYPE filter.
        client|list 6.0.0: Each line shows the user.
        client|list 6.2.0: New argv-mem, tot-mem, laddr and redir fields, and the ID filter.
        client|list 7.0.0: New resp, multi-mem, rbs and rbp fields.
        client|list 7.0.3: New ssub field.
        client|pause 6.2.0: New mode argument, so that only writes can be paused.
        cluster|meet 4.0.0: Accepts the cluster bus port of the other node.
        cluster|slots 4.0.0: Each node shows its id.
        cluster|slots 7.0.0: Each node shows a map of extra network details.
        command|info 7.0.0: With no command name, describes every command.
        config|get 7.0.0: Accepts several patterns at once.
        config|set 7.0.0: Accepts several parameters at once.
        exists 3.0.3: Accepts several keys.
        expire 7.0.0: New NX, XX, GT and LT conditions.
        expireat 7.0.0: New NX, XX, GT and LT conditions.
        flushall 4.0.0: New ASYNC mode.
        flushall 6.2.0: New SYNC mode.
        flushdb 4.0.0: New ASYNC mode.
        flushdb 6.2.0: New SYNC mode.
        geoadd 6.2.0: New CH, NX and XX options.
        georadius 6.2.0: COUNT accepts ANY.
        georadius 7.0.0: Units may be written in capitals.
        georadius_ro 6.2.0: COUNT accepts ANY.
        georadiusbymember 7.0.0: Units may be written in capitals.
        geosearch 7.0.0: Units may be written in capitals.
        geosearchstore 7.0.0: Units may be written in capitals.
        hdel 2.4.0: Accepts several fields.
        hello 6.2.0: The protocol version may be left out, to just report the connection's state.
        hset 4.0.0: Accepts several field and value pairs.
        info 7.0.0: Accepts several sections.
        lpop 6.2.0: New count argument.
        lpush 2.4.0: Accepts several elements.
        lpushx 4.0.0: Accepts several elements.
        migrate 3.0.0: New COPY and REPLACE options.
        migrate 3.0.6: New KEYS option, to move several keys.
        migrate 4.0.7: New AUTH option.
        migrate 6.0.0: New AUTH2 option, with a user name.
        pexpire 7.0.0: New NX, XX, GT and LT conditions.
        pexpireat 7.0.0: New NX, XX, GT and LT conditions.
        pttl 2.8.0: Answers -2 for a missing key.
        renamenx 3.2.0: Renaming a key to its own name is no longer an error.
        restore 3.0.0: New REPLACE option.
        restore 5.0.0: New ABSTTL option.
        restore 5.0.0: New IDLETIME and FREQ options.
        restore-asking 3.0.0: New REPLACE option.
        restore-asking 5.0.0: New ABSTTL option.
        restore-asking 5.0.0: New IDLETIME and FREQ options.
        rpop 6.2.0: New count argument.
        rpush 2.4.0: Accepts several elements.
        rpushx 4.0.0: Accepts several elements.
        sadd 2.4.0: Accepts several members.
        scan 6.0.0: New TYPE filter.
        script|flush 6.2.0: New ASYNC and SYNC modes.
        set 2.6.12: New EX, PX, NX and XX options.
        set 6.0.0: New KEEPTTL option.
        set 6.2.0: New GET, EXAT and PXAT options.
        set 7.0.0: NX and GET may be combined.
        shutdown 7.0.0: New NOW, FORCE and ABORT options.
        slowlog|get 4.0.0: Each entry shows the client's address and name.
        spop 3.2.0: New count argument.
        srandmember 2.6.0: New count argument.
        srem 2.4.0: Accepts several members.
        ttl 2.8.0: Answers -2 for a missing key.
        xadd 6.2.0: New NOMKSTREAM option, MINID strategy and LIMIT option.
        xadd 7.0.0: Ids of the form <ms>-* are accepted.
        xautoclaim 7.0.0: The reply has a third element: the ids of deleted entries removed from the pending list.
        xgroup|create 7.0.0: New ENTRIESREAD argument.
        xgroup|setid 7.0.0: New ENTRIESREAD argument.
        xinfo|groups 7.0.0: New entries-read and lag fields.
        xinfo|stream 6.0.0: New FULL option.
        xinfo|stream 7.0.0: New max-deleted-entry-id, entries-added, recorded-first-entry-id, entries-read and lag fields.
        xpending 6.2.0: New IDLE filter; range bounds may be exclusive.
        xrange 6.2.0: Range bounds may be exclusive.
        xrevrange 6.2.0: Range bounds may be exclusive.
        xsetid 7.0.0: New ENTRIESADDED and MAXDELETEDID arguments.
        xtrim 6.2.0: New MINID strategy and LIMIT option.
        zadd 2.4.0: Accepts several members.
        zadd 3.0.2: New XX, NX, CH and INCR options.
        zadd 6.2.0: New GT and LT options.
        zrange 6.2.0: New REV, BYSCORE, BYLEX and LIMIT options.
        zrangebyscore 2.0.0: New WITHSCORES option.
        zrem 2.4.0: Accepts several members.
        zrevrangebyscore 2.1.6: Bounds may be exclusive.
        """
}
