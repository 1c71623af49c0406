#ifndef REDISLINGS_CPREFETCH_SHIM_H
#define REDISLINGS_CPREFETCH_SHIM_H
// A hint that memory will soon be read, which Swift cannot express: a lookup that will wait for
// a cache miss can start it one command early. Inlined into the caller; it changes no result.
static inline void redislings_prefetch(const void *address) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address, 0, 3);
#else
    (void)address;
#endif
}
#endif
