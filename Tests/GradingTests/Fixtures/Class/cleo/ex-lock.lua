local taken = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', 10)
if taken then return 1 end
return 0
