return redis.call('SET'
