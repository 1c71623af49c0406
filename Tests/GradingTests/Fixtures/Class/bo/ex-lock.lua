if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', 30) then
  return 1
end
return 0
