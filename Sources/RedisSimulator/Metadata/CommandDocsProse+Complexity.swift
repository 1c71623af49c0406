// Our own complexity notes (COMMAND DOCS `complexity`) for the commands whose cost Redis
// documents with more than a bare O(...) formula. Written for this project.

extension CommandDocsProse {
    static let complexityText = """
        acl: Each subcommand has its own cost.
        acl|cat: O(1): the lists of categories and commands are fixed.
        acl|deluser: O(1) per user for usual users.
        acl|dryrun: O(1).
        acl|getuser: O(N) in the number of password, command and pattern rules of the user.
        acl|list: O(N) in the number of users.
        acl|load: O(N) in the number of users.
        acl|log: O(N) in the number of entries returned.
        acl|save: O(N) in the number of users.
        acl|setuser: O(N) in the number of rules given.
        acl|users: O(N) in the number of users.
        append: O(1) amortized: the string's spare capacity grows geometrically, so only the appended bytes are copied.
        auth: O(N) in the number of passwords the user has.
        bitfield: O(1) per operation given.
        bitfield_ro: O(1) per GET given.
        blmpop: O(N+M): N keys checked, M elements popped.
        blpop: O(N) in the number of keys given.
        brpop: O(N) in the number of keys given.
        bzmpop: O(K) + O(M*log(N)): K keys checked, M members popped from a set of N.
        bzpopmax: O(log(N)) for a sorted set of N members.
        bzpopmin: O(log(N)) for a sorted set of N members.
        client: Each subcommand has its own cost.
        client|kill: O(N) in the number of connections.
        client|list: O(N) in the number of connections.
        client|tracking: O(1), though some options cost more.
        client|unblock: O(log N) in the number of connections.
        client|unpause: O(N) in the number of paused clients.
        cluster: Each subcommand has its own cost.
        cluster|addslots: O(N) in the number of slots given.
        cluster|addslotsrange: O(N) in the number of slots the ranges cover.
        cluster|count-failure-reports: O(N) in the number of failure reports.
        cluster|delslots: O(N) in the number of slots given.
        cluster|delslotsrange: O(N) in the number of slots the ranges cover.
        cluster|getkeysinslot: O(log(N)) in the number of keys asked for.
        cluster|keyslot: O(N) in the length of the key name.
        cluster|links: O(N) in the number of cluster nodes.
        cluster|nodes: O(N) in the number of cluster nodes.
        cluster|reset: O(N) in the number of known nodes; it may also empty the dataset.
        cluster|shards: O(N) in the number of cluster nodes.
        cluster|slots: O(N) in the number of cluster nodes.
        command: O(N) in the number of commands.
        command|docs: O(N) in the number of commands asked for.
        command|getkeys: O(N) in the number of arguments of the command line.
        command|getkeysandflags: O(N) in the number of arguments of the command line.
        command|info: O(N) in the number of commands asked for.
        command|list: O(N) in the number of commands.
        config: Each subcommand has its own cost.
        config|get: O(N) in the number of parameters asked for.
        config|set: O(N) in the number of parameters given.
        copy: O(1) for a string; O(N) in the number of nested elements for a collection.
        debug: Each subcommand has its own cost.
        del: O(N) in the number of keys; a collection costs O(M) in its number of elements, a string O(1).
        discard: O(N) in the number of commands queued.
        dump: O(1) to find the key plus O(N*M) to serialize N objects of average size M: O(1) for a small string.
        eval: As costly as the script it runs.
        eval_ro: As costly as the script it runs.
        evalsha: As costly as the script it runs.
        evalsha_ro: As costly as the script it runs.
        exec: As costly as the commands queued.
        exists: O(N) in the number of keys given.
        fcall: As costly as the function it calls.
        fcall_ro: As costly as the function it calls.
        flushall: O(N) in the number of keys of all databases.
        flushdb: O(N) in the number of keys of the database.
        function: Each subcommand has its own cost.
        function|dump: O(N) in the number of functions.
        function|flush: O(N) in the number of functions removed.
        function|list: O(N) in the number of functions.
        function|load: O(1), compiling the code aside.
        function|restore: O(N) in the number of functions in the payload.
        geoadd: O(log(N)) per place added to an index of N members.
        geohash: O(log(N)) per member asked for, in an index of N members.
        geopos: O(N) in the number of members asked for.
        georadius: O(N+log(M)): N members in the box around the circle, M members in the index.
        georadius_ro: O(N+log(M)): N members in the box around the circle, M members in the index.
        georadiusbymember: O(N+log(M)): N members in the box around the circle, M members in the index.
        georadiusbymember_ro: O(N+log(M)): N members in the box around the circle, M members in the index.
        geosearch: O(N+log(M)): N members in the grid-aligned box around the shape, M members in the shape.
        geosearchstore: O(N+log(M)): N members in the grid-aligned box around the shape, M members in the shape.
        getrange: O(N) in the length returned, which is cheap enough to count as O(1) for short ranges.
        hdel: O(N) in the number of fields removed.
        hgetall: O(N) in the number of fields of the hash.
        hkeys: O(N) in the number of fields of the hash.
        hmget: O(N) in the number of fields asked for.
        hmset: O(N) in the number of fields set.
        hrandfield: O(N) in the number of fields returned.
        hscan: O(1) per call; a full walk back to cursor 0 costs O(N) in the number of fields.
        hset: O(1) per field given, so O(N) for N fields.
        hvals: O(N) in the number of fields of the hash.
        keys: O(N) in the number of keys of the database, for names and patterns of modest length.
        latency: Each subcommand has its own cost.
        latency|histogram: O(N) in the number of commands reported.
        lcs: O(N*M) for strings of lengths N and M.
        lindex: O(N) in the number of elements walked to reach the index: O(1) at either end.
        linsert: O(N) in the number of elements walked to find the pivot: cheap near the head, costly near the tail.
        lmpop: O(N+M): N keys checked, M elements popped.
        lpop: O(N) in the number of elements returned.
        lpos: O(N) in the length of the list on average; faster for matches near an end or with MAXLEN.
        lpush: O(1) per element added, so O(N) for N elements.
        lpushx: O(1) per element added, so O(N) for N elements.
        lrange: O(S+N): S elements walked to the start (from the nearer end for long lists), N elements returned.
        lrem: O(N+M): a list of N elements, M of them removed.
        lset: O(N) in the length of the list: O(1) for the first or last element.
        ltrim: O(N) in the number of elements removed.
        memory: Each subcommand has its own cost.
        memory|malloc-stats: Grows with the memory allocated; may be slow.
        memory|purge: Grows with the memory allocated; may be slow.
        memory|usage: O(N) in the number of elements sampled.
        mget: O(N) in the number of keys given.
        migrate: The cost of a DUMP and DEL here, a RESTORE on the target, and an O(N) transfer between them.
        module: Each subcommand has its own cost.
        module|list: O(N) in the number of modules loaded.
        mset: O(N) in the number of keys set.
        msetnx: O(N) in the number of keys set.
        object: Each subcommand has its own cost.
        pfadd: O(1) per element added.
        pfcount: O(1) with a small constant for one key; O(N) in the number of keys, with a large constant, for several.
        pfdebug: Not applicable.
        pfmerge: O(N) for N HyperLogLogs merged, with a large constant.
        pfselftest: Not applicable.
        psubscribe: O(N) in the number of patterns this client already has.
        publish: O(N+M): N subscribers of the channel, M patterns subscribed by all clients.
        pubsub: Each subcommand has its own cost.
        pubsub|channels: O(N) in the number of active channels, counting pattern matching as constant.
        pubsub|numsub: O(N) in the number of channels asked for.
        pubsub|shardchannels: O(N) in the number of active shard channels, counting pattern matching as constant.
        pubsub|shardnumsub: O(N) in the number of shard channels asked for.
        punsubscribe: O(N+M): N patterns of this client, M patterns subscribed by all clients.
        restore: O(1) to create the key plus O(N*M) to rebuild N objects of average size M; a sorted set costs O(N*M*log(N)).
        restore-asking: O(1) to create the key plus O(N*M) to rebuild N objects of average size M; a sorted set costs O(N*M*log(N)).
        rpop: O(N) in the number of elements returned.
        rpush: O(1) per element added, so O(N) for N elements.
        rpushx: O(1) per element added, so O(N) for N elements.
        sadd: O(1) per member added, so O(N) for N members.
        save: O(N) in the number of keys of all databases.
        scan: O(1) per call; a full walk back to cursor 0 costs O(N) in the number of keys.
        script: Each subcommand has its own cost.
        script|exists: O(N) in the number of digests given.
        script|flush: O(N) in the number of cached scripts.
        script|load: O(N) in the length of the script in bytes.
        sdiff: O(N) in the total number of members of the sets given.
        sdiffstore: O(N) in the total number of members of the sets given.
        setrange: O(1) besides copying the new bytes, so O(M) for a value of length M.
        shutdown: O(N) in the number of keys of all databases when it saves, O(1) otherwise.
        sinter: O(N*M) at worst: N members in the smallest set, M sets.
        sintercard: O(N*M) at worst: N members in the smallest set, M sets.
        sinterstore: O(N*M) at worst: N members in the smallest set, M sets.
        slowlog: Each subcommand has its own cost.
        slowlog|get: O(N) in the number of entries returned.
        slowlog|reset: O(N) in the number of entries in the slow log.
        smembers: O(N) in the number of members.
        smismember: O(N) in the number of values checked.
        sort: O(N+M*log(M)): N elements to sort, M returned; O(N) with BY nosort.
        sort_ro: O(N+M*log(M)): N elements to sort, M returned; O(N) with BY nosort.
        spop: O(1) without a count, else O(N) for a count of N.
        spublish: O(N) in the number of subscribers of the shard channel.
        srandmember: O(1) without a count, else O(N) for a count of N or -N.
        srem: O(N) in the number of members removed.
        sscan: O(1) per call; a full walk back to cursor 0 costs O(N) in the number of members.
        ssubscribe: O(N) in the number of shard channels given.
        subscribe: O(N) in the number of channels given.
        substr: O(N) in the length returned, which is cheap enough to count as O(1) for short ranges.
        sunion: O(N) in the total number of members of the sets given.
        sunionstore: O(N) in the total number of members of the sets given.
        sunsubscribe: O(N) in the number of subscribers of a shard channel.
        swapdb: O(N) in the number of clients watching or blocked on keys of the two databases.
        touch: O(N) in the number of keys given.
        unlink: O(1) per key here; freeing the values takes O(N) in their allocations, on another thread.
        unsubscribe: O(N) in the number of subscribers of a channel.
        watch: O(1) per key.
        xack: O(1) per id given.
        xadd: O(1) to append; trimming costs O(N) in the entries removed.
        xautoclaim: O(1) for a small COUNT.
        xclaim: O(log N) in the number of entries pending in the group.
        xdel: O(1) per id given, whatever the stream's length.
        xgroup: Each subcommand has its own cost.
        xgroup|destroy: O(N) in the number of entries pending in the group.
        xinfo: Each subcommand has its own cost.
        xpending: O(N) in the entries returned (O(M) in the entries scanned with IDLE); the summary form is O(1) for few consumers, else O(N) in the consumers.
        xrange: O(N) in the entries returned: O(1) with a fixed COUNT.
        xread: O(N) per stream in the entries returned: O(1) with a fixed COUNT; with BLOCK, XADD pays O(M) for M waiting clients.
        xreadgroup: O(M) per stream in the entries returned: O(1) with a fixed COUNT; when it blocks, XADD pays O(N) for N waiting clients.
        xrevrange: O(N) in the entries returned: O(1) with a fixed COUNT.
        xtrim: O(N) in the entries removed, with a small constant because whole nodes are freed at once.
        zadd: O(log(N)) per member added to a set of N.
        zcount: O(log(N)) for a set of N members.
        zdiff: O(L + (N-K)log(N)) at worst: L members in all sets, N in the first, K in the result.
        zdiffstore: O(L + (N-K)log(N)) at worst: L members in all sets, N in the first, K in the result.
        zincrby: O(log(N)) for a set of N members.
        zinter: O(N*K)+O(M*log(M)) at worst: N members in the smallest set, K sets, M members in the result.
        zintercard: O(N*K) at worst: N members in the smallest set, K sets.
        zinterstore: O(N*K)+O(M*log(M)) at worst: N members in the smallest set, K sets, M members in the result.
        zlexcount: O(log(N)) for a set of N members.
        zmpop: O(K) + O(M*log(N)): K keys checked, M members popped from a set of N.
        zmscore: O(N) in the number of members asked for.
        zpopmax: O(log(N)*M): M members popped from a set of N.
        zpopmin: O(log(N)*M): M members popped from a set of N.
        zrandmember: O(N) in the number of members returned.
        zrange: O(log(N)+M): a set of N members, M returned.
        zrangebylex: O(log(N)+M): a set of N members, M returned; O(log(N)) with a fixed LIMIT.
        zrangebyscore: O(log(N)+M): a set of N members, M returned; O(log(N)) with a fixed LIMIT.
        zrangestore: O(log(N)+M): a set of N members, M stored.
        zrem: O(M*log(N)): M members removed from a set of N.
        zremrangebylex: O(log(N)+M): a set of N members, M removed.
        zremrangebyrank: O(log(N)+M): a set of N members, M removed.
        zremrangebyscore: O(log(N)+M): a set of N members, M removed.
        zrevrange: O(log(N)+M): a set of N members, M returned.
        zrevrangebylex: O(log(N)+M): a set of N members, M returned; O(log(N)) with a fixed LIMIT.
        zrevrangebyscore: O(log(N)+M): a set of N members, M returned; O(log(N)) with a fixed LIMIT.
        zscan: O(1) per call; a full walk back to cursor 0 costs O(N) in the number of members.
        zunion: O(N)+O(M*log(M)): N members in all sets, M in the result.
        zunionstore: O(N)+O(M*log(M)): N members in all sets, M in the result.
        """
}
