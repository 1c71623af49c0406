redis.call('SET', KEYS[1], ARGV[1], 'PX', 30000)
return 1
