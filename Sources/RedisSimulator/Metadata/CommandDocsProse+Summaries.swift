// Our own one-sentence summary of every command and subcommand (COMMAND DOCS `summary`).
// Written for this project; do not copy Redis's wording here.

extension CommandDocsProse {
    static let summaryText = """
        acl: Groups the subcommands that manage users and their permissions.
        acl|cat: Lists the ACL categories, or the commands that belong to one of them.
        acl|deluser: Deletes ACL users and closes the connections they are logged in on.
        acl|dryrun: Tells whether a user would be allowed to run a command, without running it.
        acl|genpass: Returns random hexadecimal characters suitable as a strong password.
        acl|getuser: Shows the flags, passwords and permission rules of one user.
        acl|help: Lists the ACL subcommands with a line about each.
        acl|list: Shows every user as a rule line in the ACL file's format.
        acl|load: Replaces the users with those defined in the ACL file.
        acl|log: Shows or clears the recent commands and logins that ACL rules refused.
        acl|save: Writes the current users to the ACL file.
        acl|setuser: Creates a user or changes its rules.
        acl|users: Lists the names of all users.
        acl|whoami: Returns the user name this connection is authenticated as.
        append: Adds bytes to the end of a string, creating the key when it is missing.
        asking: Lets the next command reach a slot being imported after an ASK redirection.
        auth: Logs the connection in with a password, or a user name and password.
        bgrewriteaof: Starts rewriting the append-only file in a background process.
        bgsave: Starts writing a snapshot of the dataset to disk in a background process.
        bitcount: Counts the bits set to 1 in a string or in a byte or bit range of it.
        bitfield: Reads, writes and increments integers of any bit width inside a string.
        bitfield_ro: Reads integers of any bit width inside a string without changing it.
        bitop: Combines strings with AND, OR, XOR or NOT and stores the result.
        bitpos: Finds the position of the first bit that is 0 or 1 in a string.
        blmove: Moves an element between two lists, waiting for one when the source is empty.
        blmpop: Pops elements from the first non-empty list given, waiting when all are empty.
        blpop: Pops the head of the first non-empty list given, waiting when all are empty.
        brpop: Pops the tail of the first non-empty list given, waiting when all are empty.
        brpoplpush: Moves the tail of one list to the head of another, waiting for an element when needed.
        bzmpop: Pops members of the first non-empty sorted set given, waiting when all are empty.
        bzpopmax: Pops the best-scored member of the first non-empty sorted set, waiting when all are empty.
        bzpopmin: Pops the lowest-scored member of the first non-empty sorted set, waiting when all are empty.
        client: Groups the subcommands that inspect and control client connections.
        client|caching: Says whether the keys read by the next command are tracked (OPTIN/OPTOUT tracking).
        client|getname: Returns the name this connection was given, if any.
        client|getredir: Returns the id of the client receiving this connection's invalidation messages.
        client|help: Lists the CLIENT subcommands with a line about each.
        client|id: Returns the unique id of this connection.
        client|info: Describes this connection in one line of fields.
        client|kill: Closes the client connections that match the given filters.
        client|list: Describes every connection, or those of a type or with given ids, one per line.
        client|no-evict: Exempts this connection from client eviction, or makes it evictable again.
        client|pause: Holds back commands of other clients (all or only writes) for a time.
        client|reply: Turns the server's replies to this connection off, on, or off for one command.
        client|setname: Gives this connection a name shown in CLIENT LIST.
        client|tracking: Turns server-assisted client-side caching on or off for this connection.
        client|trackinginfo: Describes this connection's client-side caching settings.
        client|unblock: Wakes a client waiting in a blocking command, as a timeout or an error.
        client|unpause: Lets the clients held by CLIENT PAUSE run again.
        cluster: Groups the subcommands that manage a Redis Cluster node.
        cluster|addslots: Makes this node serve the given hash slots.
        cluster|addslotsrange: Makes this node serve the given ranges of hash slots.
        cluster|bumpepoch: Gives this node a new, higher configuration epoch.
        cluster|count-failure-reports: Counts the live reports that a node is failing.
        cluster|countkeysinslot: Counts the keys this node holds in one hash slot.
        cluster|delslots: Makes this node forget that it serves the given hash slots.
        cluster|delslotsrange: Makes this node forget that it serves the given ranges of hash slots.
        cluster|failover: Asks a replica to take over from its primary.
        cluster|flushslots: Clears every hash slot assignment of this node.
        cluster|forget: Removes a node from this node's table of known nodes.
        cluster|getkeysinslot: Returns up to a given number of key names stored in one hash slot.
        cluster|help: Lists the CLUSTER subcommands with a line about each.
        cluster|info: Reports the state of the cluster as this node sees it.
        cluster|keyslot: Computes the hash slot a key name maps to.
        cluster|links: Describes the cluster bus connections of this node.
        cluster|meet: Introduces another node so that it joins this node's cluster.
        cluster|myid: Returns this node's id.
        cluster|nodes: Describes every known node in the cluster configuration format.
        cluster|replicas: Lists the replicas of a primary node.
        cluster|replicate: Turns this node into a replica of the given primary.
        cluster|reset: Resets this node's cluster state, softly or completely.
        cluster|saveconfig: Writes this node's cluster configuration to disk.
        cluster|set-config-epoch: Sets the configuration epoch of a fresh node.
        cluster|setslot: Changes the state of a hash slot on this node (migrating, importing, owner).
        cluster|shards: Describes each shard of the cluster with its slots and nodes.
        cluster|slaves: Lists the replicas of a primary node (old name of CLUSTER REPLICAS).
        cluster|slots: Maps ranges of hash slots to the nodes that serve them.
        command: Describes every command the server knows.
        command|count: Returns how many commands the server knows.
        command|docs: Returns the documentation of the named commands, or of all of them.
        command|getkeys: Returns the keys that a complete command line would access.
        command|getkeysandflags: Returns the keys of a complete command line with how each is accessed.
        command|help: Lists the COMMAND subcommands with a line about each.
        command|info: Describes the named commands, or all of them.
        command|list: Returns command names, optionally filtered by category, pattern or module.
        config: Groups the subcommands that read and change the server's configuration.
        config|get: Returns the configuration parameters whose names match the patterns.
        config|help: Lists the CONFIG subcommands with a line about each.
        config|resetstat: Zeroes the statistics that INFO reports.
        config|rewrite: Writes the running configuration back to the configuration file.
        config|set: Changes configuration parameters while the server runs.
        copy: Copies the value of a key to another key, possibly in another database.
        dbsize: Returns how many keys the current database holds.
        debug: Groups commands meant for debugging the server itself.
        decr: Subtracts one from the integer stored at a key.
        decrby: Subtracts a given integer from the integer stored at a key.
        del: Deletes keys.
        discard: Drops the commands queued since MULTI and leaves the transaction.
        dump: Serializes the value of a key in Redis's own binary format.
        echo: Returns its argument unchanged.
        eval: Runs a Lua script on the server.
        eval_ro: Runs a Lua script that may only read data.
        evalsha: Runs a cached Lua script named by its SHA1 digest.
        evalsha_ro: Runs a cached read-only Lua script named by its SHA1 digest.
        exec: Runs the commands queued since MULTI as one atomic unit.
        exists: Counts how many of the given keys exist.
        expire: Gives a key a time to live in seconds.
        expireat: Makes a key expire at a Unix time in seconds.
        expiretime: Returns the Unix time in seconds at which a key expires.
        failover: Hands the primary role over to one of this server's replicas.
        fcall: Calls a function from a loaded library.
        fcall_ro: Calls a function that may only read data.
        flushall: Deletes every key of every database.
        flushdb: Deletes every key of the current database.
        function: Groups the subcommands that manage function libraries.
        function|delete: Removes a library and its functions.
        function|dump: Serializes every loaded library into one binary payload.
        function|flush: Removes every library.
        function|help: Lists the FUNCTION subcommands with a line about each.
        function|kill: Stops the function that is running, if it has not written.
        function|list: Describes the loaded libraries and their functions.
        function|load: Loads a library of functions from its source code.
        function|restore: Loads the libraries of a payload made by FUNCTION DUMP.
        function|stats: Reports the running function, if any, and the engines available.
        geoadd: Adds places, each with a longitude, latitude and name, to a geospatial index.
        geodist: Returns the distance between two places of a geospatial index.
        geohash: Returns the geohash string of places of a geospatial index.
        geopos: Returns the longitude and latitude of places of a geospatial index.
        georadius: Finds the places within a distance of a point (superseded by GEOSEARCH).
        georadius_ro: Finds the places within a distance of a point, without storing (superseded by GEOSEARCH).
        georadiusbymember: Finds the places within a distance of a member (superseded by GEOSEARCH).
        georadiusbymember_ro: Finds the places within a distance of a member, without storing (superseded by GEOSEARCH).
        geosearch: Finds the places inside a circle or a box around a point or a member.
        geosearchstore: Finds the places inside a circle or a box and stores them in a key.
        get: Returns the string stored at a key.
        getbit: Returns the bit at an offset of a string.
        getdel: Returns the string stored at a key and deletes the key.
        getex: Returns the string stored at a key and changes or removes its expiry.
        getrange: Returns part of a string, between two offsets.
        getset: Stores a string at a key and returns the string it replaced.
        hdel: Removes fields from a hash.
        hello: Negotiates the protocol version, optionally logging in and naming the connection.
        hexists: Tells whether a hash has a field.
        hget: Returns the value of one field of a hash.
        hgetall: Returns every field of a hash with its value.
        hincrby: Adds an integer to the integer value of a hash field.
        hincrbyfloat: Adds a decimal number to the numeric value of a hash field.
        hkeys: Returns the field names of a hash.
        hlen: Returns how many fields a hash has.
        hmget: Returns the values of several fields of a hash.
        hmset: Sets several fields of a hash (HSET does the same and more).
        hrandfield: Returns one or more random fields of a hash.
        hscan: Walks through the fields of a hash a few at a time with a cursor.
        hset: Sets one or more fields of a hash.
        hsetnx: Sets a hash field only when the field does not exist yet.
        hstrlen: Returns the length of the value of a hash field.
        hvals: Returns the values of a hash.
        incr: Adds one to the integer stored at a key.
        incrby: Adds a given integer to the integer stored at a key.
        incrbyfloat: Adds a decimal number to the number stored at a key.
        info: Reports the server's state and statistics, by section.
        keys: Returns every key name that matches a glob pattern.
        lastsave: Returns the Unix time of the last snapshot saved to disk.
        latency: Groups the subcommands of the latency monitor.
        latency|doctor: Writes a readable analysis of the latency events recorded.
        latency|graph: Draws the recorded latency of an event as an ASCII graph.
        latency|help: Lists the LATENCY subcommands with a line about each.
        latency|histogram: Returns per-command latency histograms.
        latency|history: Returns the recorded timestamps and latencies of an event.
        latency|latest: Returns the most recent latency sample of each event.
        latency|reset: Clears the latency data of some or all events.
        lcs: Finds the longest common subsequence of two strings.
        lindex: Returns the element of a list at an index.
        linsert: Inserts an element before or after a given element of a list.
        llen: Returns the length of a list.
        lmove: Pops an element from one end of a list and pushes it onto an end of another.
        lmpop: Pops elements from the first non-empty list given.
        lolwut: Draws some computer art and shows the server version.
        lpop: Removes and returns elements from the head of a list.
        lpos: Returns the positions of elements equal to a value in a list.
        lpush: Adds elements to the head of a list.
        lpushx: Adds elements to the head of a list only when the list exists.
        lrange: Returns the elements of a list between two indexes.
        lrem: Removes elements equal to a value from a list.
        lset: Replaces the element of a list at an index.
        ltrim: Keeps only the elements of a list between two indexes.
        memory: Groups the subcommands that report memory use.
        memory|doctor: Writes a readable analysis of the server's memory use.
        memory|help: Lists the MEMORY subcommands with a line about each.
        memory|malloc-stats: Returns the memory allocator's own statistics.
        memory|purge: Asks the memory allocator to return unused memory.
        memory|stats: Reports how the server's memory is used.
        memory|usage: Estimates how many bytes a key and its value take.
        mget: Returns the strings stored at several keys.
        migrate: Moves keys to another Redis server atomically.
        module: Groups the subcommands that manage modules.
        module|help: Lists the MODULE subcommands with a line about each.
        module|list: Lists the modules loaded.
        module|load: Loads a module from a shared library.
        module|loadex: Loads a module from a shared library, with configuration and arguments.
        module|unload: Unloads a module.
        monitor: Streams every command the server handles to this connection.
        move: Moves a key to another database.
        mset: Stores strings at several keys at once.
        msetnx: Stores strings at several keys only when none of them exists.
        multi: Starts a transaction: the commands that follow are queued until EXEC.
        object: Groups the subcommands that inspect the value stored at a key.
        object|encoding: Returns the internal encoding of the value stored at a key.
        object|freq: Returns the LFU access-frequency counter of a key.
        object|help: Lists the OBJECT subcommands with a line about each.
        object|idletime: Returns the seconds since a key was last read or written.
        object|refcount: Returns the reference count of the value stored at a key.
        persist: Removes the expiry of a key.
        pexpire: Gives a key a time to live in milliseconds.
        pexpireat: Makes a key expire at a Unix time in milliseconds.
        pexpiretime: Returns the Unix time in milliseconds at which a key expires.
        pfadd: Adds elements to a HyperLogLog.
        pfcount: Estimates how many distinct elements one or more HyperLogLogs have seen.
        pfdebug: Inspects the internals of a HyperLogLog (for debugging).
        pfmerge: Merges HyperLogLogs into one.
        pfselftest: Runs the HyperLogLog self-test (for debugging).
        ping: Checks the connection: answers PONG, or echoes a message.
        psetex: Stores a string at a key with a time to live in milliseconds.
        psubscribe: Subscribes to every channel whose name matches glob patterns.
        psync: Starts or resumes replication from this server (used by replicas).
        pttl: Returns the remaining time to live of a key in milliseconds.
        publish: Sends a message to the subscribers of a channel.
        pubsub: Groups the subcommands that inspect the Pub/Sub system.
        pubsub|channels: Lists the channels with at least one subscriber.
        pubsub|help: Lists the PUBSUB subcommands with a line about each.
        pubsub|numpat: Returns how many patterns clients are subscribed to.
        pubsub|numsub: Returns the number of subscribers of each channel named.
        pubsub|shardchannels: Lists the shard channels with at least one subscriber.
        pubsub|shardnumsub: Returns the number of subscribers of each shard channel named.
        punsubscribe: Unsubscribes from patterns, or from all of them.
        quit: Closes the connection.
        randomkey: Returns a key name picked at random.
        readonly: Lets this connection read from a cluster replica.
        readwrite: Stops this connection from reading from a cluster replica.
        rename: Gives a key a new name, replacing any key with that name.
        renamenx: Gives a key a new name only when no key has that name.
        replconf: Sets options of the replication stream (used by replicas).
        replicaof: Makes this server a replica of another, or a primary again.
        reset: Returns the connection to its initial state.
        restore: Creates a key from a value serialized by DUMP.
        restore-asking: Creates a key from a serialized value during a cluster migration.
        role: Reports whether this server is a primary or a replica, with replication details.
        rpop: Removes and returns elements from the tail of a list.
        rpoplpush: Moves the tail of one list to the head of another.
        rpush: Adds elements to the tail of a list.
        rpushx: Adds elements to the tail of a list only when the list exists.
        sadd: Adds members to a set.
        save: Writes a snapshot of the dataset to disk, blocking until done.
        scan: Walks through the key names a few at a time with a cursor.
        scard: Returns how many members a set has.
        script: Groups the subcommands that manage the Lua script cache.
        script|debug: Sets how the next scripts of this connection are debugged.
        script|exists: Tells which of the given SHA1 digests are in the script cache.
        script|flush: Empties the script cache.
        script|help: Lists the SCRIPT subcommands with a line about each.
        script|kill: Stops the running script, if it has not written.
        script|load: Adds a script to the cache without running it and returns its SHA1.
        sdiff: Returns the members of the first set that no other given set has.
        sdiffstore: Stores the members of the first set that no other given set has.
        select: Switches this connection to another database.
        set: Stores a string at a key, with options for expiry and conditions.
        setbit: Sets or clears the bit at an offset of a string.
        setex: Stores a string at a key with a time to live in seconds.
        setnx: Stores a string at a key only when the key does not exist.
        setrange: Overwrites part of a string starting at an offset.
        shutdown: Stops the server, saving the dataset first unless told not to.
        sinter: Returns the members common to all given sets.
        sintercard: Counts the members common to all given sets.
        sinterstore: Stores the members common to all given sets.
        sismember: Tells whether a value is a member of a set.
        slaveof: Makes this server a replica of another, or a primary again (old name of REPLICAOF).
        slowlog: Groups the subcommands of the slow log.
        slowlog|get: Returns the most recent entries of the slow log.
        slowlog|help: Lists the SLOWLOG subcommands with a line about each.
        slowlog|len: Returns how many entries the slow log holds.
        slowlog|reset: Empties the slow log.
        smembers: Returns every member of a set.
        smismember: Tells for each value whether it is a member of a set.
        smove: Moves a member from one set to another.
        sort: Sorts the elements of a list, set or sorted set, optionally storing the result.
        sort_ro: Sorts the elements of a list, set or sorted set without storing anything.
        spop: Removes and returns random members of a set.
        spublish: Sends a message to the subscribers of a shard channel.
        srandmember: Returns random members of a set without removing them.
        srem: Removes members from a set.
        sscan: Walks through the members of a set a few at a time with a cursor.
        ssubscribe: Subscribes to shard channels.
        strlen: Returns the length of the string stored at a key.
        subscribe: Subscribes to channels.
        substr: Returns part of a string, between two offsets (old name of GETRANGE).
        sunion: Returns the members found in any of the given sets.
        sunionstore: Stores the members found in any of the given sets.
        sunsubscribe: Unsubscribes from shard channels, or from all of them.
        swapdb: Exchanges the contents of two databases.
        sync: Starts full replication from this server (used by old replicas).
        time: Returns the server's clock as seconds and microseconds.
        touch: Marks keys as accessed and counts those that exist.
        ttl: Returns the remaining time to live of a key in seconds.
        type: Returns the type of the value stored at a key.
        unlink: Deletes keys, freeing their memory in the background.
        unsubscribe: Unsubscribes from channels, or from all of them.
        unwatch: Stops watching every key this connection watches.
        wait: Waits until replicas have acknowledged this connection's writes, or a timeout.
        watch: Watches keys so that the next EXEC fails if any of them changes.
        xack: Acknowledges entries of a consumer group, removing them from its pending list.
        xadd: Appends an entry to a stream, optionally trimming the stream.
        xautoclaim: Transfers pending entries idle for long enough to another consumer, walking with a cursor.
        xclaim: Transfers pending entries idle for long enough to another consumer.
        xdel: Deletes entries from a stream and counts those that existed.
        xgroup: Groups the subcommands that manage consumer groups.
        xgroup|create: Creates a consumer group on a stream.
        xgroup|createconsumer: Adds a consumer to a consumer group.
        xgroup|delconsumer: Removes a consumer from a consumer group.
        xgroup|destroy: Deletes a consumer group.
        xgroup|help: Lists the XGROUP subcommands with a line about each.
        xgroup|setid: Moves the last-delivered id of a consumer group.
        xinfo: Groups the subcommands that describe streams and their groups.
        xinfo|consumers: Describes the consumers of a consumer group.
        xinfo|groups: Describes the consumer groups of a stream.
        xinfo|help: Lists the XINFO subcommands with a line about each.
        xinfo|stream: Describes a stream, in summary or in full.
        xlen: Returns how many entries a stream has.
        xpending: Inspects the entries delivered to a consumer group but not yet acknowledged.
        xrange: Returns the entries of a stream between two ids.
        xread: Reads entries newer than given ids from streams, optionally waiting for them.
        xreadgroup: Reads entries from streams as a consumer of a group, optionally waiting for them.
        xrevrange: Returns the entries of a stream between two ids, newest first.
        xsetid: Sets the last id of a stream (used by replication).
        xtrim: Removes the oldest entries of a stream, by count or by id.
        zadd: Adds members with scores to a sorted set, or updates their scores.
        zcard: Returns how many members a sorted set has.
        zcount: Counts the members of a sorted set with scores in a range.
        zdiff: Returns the members of the first sorted set that no other given set has.
        zdiffstore: Stores the members of the first sorted set that no other given set has.
        zincrby: Adds a number to the score of a member of a sorted set.
        zinter: Returns the members common to all given sorted sets, with combined scores.
        zintercard: Counts the members common to all given sorted sets.
        zinterstore: Stores the members common to all given sorted sets, with combined scores.
        zlexcount: Counts the members of a sorted set in a range of names.
        zmpop: Pops members with the lowest or highest scores from the first non-empty sorted set given.
        zmscore: Returns the scores of several members of a sorted set.
        zpopmax: Removes and returns the members with the highest scores.
        zpopmin: Removes and returns the members with the lowest scores.
        zrandmember: Returns random members of a sorted set.
        zrange: Returns members of a sorted set by rank, score or name range.
        zrangebylex: Returns members of a sorted set in a range of names.
        zrangebyscore: Returns members of a sorted set in a range of scores.
        zrangestore: Stores members of a sorted set selected by rank, score or name range.
        zrank: Returns the rank of a member in a sorted set, lowest score first.
        zrem: Removes members from a sorted set.
        zremrangebylex: Removes the members of a sorted set in a range of names.
        zremrangebyrank: Removes the members of a sorted set in a range of ranks.
        zremrangebyscore: Removes the members of a sorted set in a range of scores.
        zrevrange: Returns members of a sorted set by rank, highest score first.
        zrevrangebylex: Returns members of a sorted set in a range of names, in reverse order.
        zrevrangebyscore: Returns members of a sorted set in a range of scores, highest first.
        zrevrank: Returns the rank of a member in a sorted set, highest score first.
        zscan: Walks through the members and scores of a sorted set a few at a time with a cursor.
        zscore: Returns the score of a member of a sorted set.
        zunion: Returns the members found in any of the given sorted sets, with combined scores.
        zunionstore: Stores the members found in any of the given sorted sets, with combined scores.
        """
}
