redis.call('FLUSHALL')
return 1
