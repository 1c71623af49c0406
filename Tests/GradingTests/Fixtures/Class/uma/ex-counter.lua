return redis.call('INCR', 'counter')
