#!/usr/bin/env python3
"""Generates Tests/RedisSimulatorTests/Differential/aggregates-random.cases:
python3 scripts/generate-aggregate-cases.py SEED CASES OUTPUT STEPS"""
import random, sys
rnd = random.Random(int(sys.argv[1]))
K = ['k1','k2','k3']
M = ['a','b','c','d','1','2','3','-5','x'*65]
def m(): return rnd.choice(M)
def num(): return rnd.choice(['0','1','-1','2','5','-3','10','100','x','1.5','-100'])
def score(): return rnd.choice(['0','1','2','1.5','-1','inf','-inf','3','(1','(2','+inf','abc'])
def lex(): return rnd.choice(['-','+','[a','(a','[c','(c','[1','[d','x'])
def k(): return rnd.choice(K)
gens = [
 lambda: ['LPUSH',k()]+[m() for _ in range(rnd.randint(1,3))],
 lambda: ['RPUSH',k()]+[m() for _ in range(rnd.randint(1,3))],
 lambda: ['LPUSHX',k(),m()], lambda: ['RPUSHX',k(),m()],
 lambda: ['LPOP',k()]+([num()] if rnd.random()<.5 else []),
 lambda: ['RPOP',k()]+([num()] if rnd.random()<.5 else []),
 lambda: ['LRANGE',k(),num(),num()], lambda: ['LINDEX',k(),num()], lambda: ['LSET',k(),num(),m()],
 lambda: ['LINSERT',k(),rnd.choice(['BEFORE','AFTER']),m(),m()], lambda: ['LREM',k(),num(),m()],
 lambda: ['LTRIM',k(),num(),num()], lambda: ['LLEN',k()],
 lambda: ['LPOS',k(),m()]+rnd.choice([[],['RANK',num()],['COUNT',num()],['MAXLEN',num()],['RANK',num(),'COUNT',num()]]),
 lambda: ['LMOVE',k(),k(),rnd.choice(['LEFT','RIGHT']),rnd.choice(['LEFT','RIGHT'])], lambda: ['RPOPLPUSH',k(),k()],
 lambda: ['LMPOP','2',k(),k(),rnd.choice(['LEFT','RIGHT'])]+(['COUNT',num()] if rnd.random()<.5 else []),
 lambda: ['HSET',k(),m(),m()]+([m(),m()] if rnd.random()<.5 else []), lambda: ['HSETNX',k(),m(),m()],
 lambda: ['HGET',k(),m()], lambda: ['HMGET',k(),m(),m()], lambda: ['HDEL',k(),m(),m()], lambda: ['HLEN',k()],
 lambda: ['HEXISTS',k(),m()], lambda: ['HINCRBY',k(),m(),num()], lambda: ['HINCRBYFLOAT',k(),m(),num()],
 lambda: ['HSTRLEN',k(),m()], lambda: ['%','HGETALL',k()], lambda: ['%','HKEYS',k()],
 lambda: ['SADD',k()]+[m() for _ in range(rnd.randint(1,3))], lambda: ['SREM',k(),m(),m()],
 lambda: ['%','SMEMBERS',k()], lambda: ['SISMEMBER',k(),m()], lambda: ['SMISMEMBER',k(),m(),m()], lambda: ['SCARD',k()],
 lambda: ['%','SINTER',k(),k()], lambda: ['%','SUNION',k(),k()], lambda: ['%','SDIFF',k(),k()],
 lambda: [rnd.choice(['SINTERSTORE','SUNIONSTORE','SDIFFSTORE']),k(),k(),k()], lambda: ['SINTERCARD','2',k(),k()],
 lambda: ['SMOVE',k(),k(),m()],
 lambda: ['ZADD',k()]+rnd.sample(['NX','XX','GT','LT','CH','INCR'],rnd.randint(0,2))+[score(),m()]+([score(),m()] if rnd.random()<.4 else []),
 lambda: ['ZINCRBY',k(),score(),m()], lambda: ['ZREM',k(),m()], lambda: ['ZSCORE',k(),m()], lambda: ['ZMSCORE',k(),m(),m()],
 lambda: ['ZCARD',k()], lambda: ['ZCOUNT',k(),score(),score()], lambda: ['ZLEXCOUNT',k(),lex(),lex()],
 lambda: ['ZRANGE',k(),num(),num()]+rnd.choice([[],['WITHSCORES'],['REV'],['REV','WITHSCORES']]),
 lambda: ['ZRANGE',k(),score(),score(),'BYSCORE']+rnd.choice([[],['REV'],['LIMIT',num(),num()],['WITHSCORES']]),
 lambda: ['ZRANGE',k(),lex(),lex(),'BYLEX']+rnd.choice([[],['REV'],['LIMIT',num(),num()]]),
 lambda: ['ZRANGEBYSCORE',k(),score(),score(),'WITHSCORES'], lambda: ['ZREVRANGEBYSCORE',k(),score(),score()],
 lambda: ['ZRANGEBYLEX',k(),lex(),lex()], lambda: ['ZREVRANGEBYLEX',k(),lex(),lex()], lambda: ['ZREVRANGE',k(),num(),num()],
 lambda: ['ZRANK',k(),m()], lambda: ['ZREVRANK',k(),m()],
 lambda: [rnd.choice(['ZPOPMIN','ZPOPMAX']),k()]+([num()] if rnd.random()<.5 else []),
 lambda: ['ZREMRANGEBYRANK',k(),num(),num()], lambda: ['ZREMRANGEBYSCORE',k(),score(),score()], lambda: ['ZREMRANGEBYLEX',k(),lex(),lex()],
 lambda: [rnd.choice(['ZUNIONSTORE','ZINTERSTORE','ZDIFFSTORE']),k(),'2',k(),k()]+rnd.choice([[],['WEIGHTS',num(),num()],['AGGREGATE',rnd.choice(['MIN','MAX','SUM'])]]),
 lambda: [rnd.choice(['ZUNION','ZINTER','ZDIFF']),'2',k(),k(),'WITHSCORES'],
 lambda: ['ZRANGESTORE',k(),k(),num(),num()], lambda: ['ZINTERCARD','2',k(),k()],
 lambda: ['ZMPOP','2',k(),k(),rnd.choice(['MIN','MAX'])]+(['COUNT',num()] if rnd.random()<.5 else []),
 lambda: ['OBJECT','ENCODING',k()],
 lambda: ['ZRANGE',k(),rnd.choice([num(),score(),lex()]),rnd.choice([num(),score(),lex()])]+[rnd.choice(['REV','BYSCORE','BYLEX','WITHSCORES','LIMIT',num(),'FOO']) for _ in range(rnd.randint(0,4))],
 lambda: ['ZRANGESTORE',k(),k(),rnd.choice([num(),score(),lex()]),rnd.choice([num(),score(),lex()])]+[rnd.choice(['REV','BYSCORE','BYLEX','WITHSCORES','LIMIT',num()]) for _ in range(rnd.randint(0,4))],
 lambda: [rnd.choice(['ZUNION','ZINTER','ZDIFF','ZINTERCARD','ZUNIONSTORE']), rnd.choice(['0','1','2','3','x','-1'])]+[k() for _ in range(rnd.randint(0,2))]+[rnd.choice(['WEIGHTS','AGGREGATE','SUM','MIN','WITHSCORES','LIMIT',num()]) for _ in range(rnd.randint(0,4))],
 lambda: ['LPOS',k(),m()]+[rnd.choice(['RANK','COUNT','MAXLEN',num(),'0']) for _ in range(rnd.randint(0,4))],
 lambda: ['SINTERCARD',rnd.choice(['0','1','2','3','x'])]+[k() for _ in range(rnd.randint(0,2))]+[rnd.choice(['LIMIT',num()]) for _ in range(rnd.randint(0,3))],
 lambda: ['~',rnd.choice(['HRANDFIELD','SRANDMEMBER','ZRANDMEMBER']),k()]+[rnd.choice([num(),'WITHSCORES','WITHVALUES']) for _ in range(rnd.randint(0,3))],
 lambda: ['%',rnd.choice(['HSCAN','SSCAN','ZSCAN']),k(),rnd.choice(['0','x','-1a'])]+[rnd.choice(['MATCH','TYPE','*','f1*']) for _ in range(rnd.randint(0,2))]+['COUNT','100000'],
 lambda: [rnd.choice(['LMPOP','ZMPOP']),rnd.choice(['0','1','2','x'])]+[k() for _ in range(rnd.randint(0,2))]+[rnd.choice(['LEFT','RIGHT','MIN','MAX','COUNT',num()]) for _ in range(rnd.randint(0,3))],
 lambda: ['ZADD',k()]+[rnd.choice(['NX','XX','GT','LT','CH','INCR',score(),m()]) for _ in range(rnd.randint(1,6))],
 lambda: ['HSET',k()]+sum([['f%d'%rnd.randint(0,700),m()] for _ in range(rnd.randint(1,300))],[]),
 lambda: ['ZADD',k()]+sum([[score().strip('('), 'm%d'%rnd.randint(0,200)] for _ in range(rnd.randint(1,80))],[]),
 lambda: ['SADD',k()]+[str(rnd.randint(-50,1000)) for _ in range(rnd.randint(1,300))],
 lambda: ['%','HSCAN',k(),'0','COUNT','100000'], lambda: ['%','SSCAN',k(),'0','COUNT','100000'], lambda: ['%','ZSCAN',k(),'0','COUNT','100000'],
 lambda: ['%','HSCAN',k(),'0','COUNT','100000','MATCH','f1*'],
 lambda: ['ZRANGE',k(),'0','-1','WITHSCORES'], lambda: ['%','HVALS',k()], lambda: ['%','SMEMBERS',k()],
]
cases=[]
for c in range(int(sys.argv[2])):
    steps=[]
    for i in range(80):
        a=rnd.choice(gens)()
        mode=''
        if a[0] in ('%','~'): mode=a[0]; a=a[1:]
        steps.append({'line':i,'mode':mode,'args':a})
    cases.append({'name':'fuzz%d'%c,'steps':steps,'file':'fuzz'})
with open(sys.argv[3], 'w') as out:
    out.write('# Random sequences over three keys of every list, hash, set and sorted-set command\n')
    out.write('# (no random-reply commands), generated by scripts/generate-aggregate-cases.py with\n')
    out.write('# seed %s; kept as regression cases. %% marks replies in hash-table order, ~ random ones.\n' % sys.argv[1])
    for c in cases:
        out.write('=== random sequence %s\n' % c['name'][4:])
        for st in c['steps']:
            out.write((st['mode'] + ' ' if st['mode'] else '') + ' '.join(st['args']) + '\n')

