if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', 30000) then return 1 else return 0 end
