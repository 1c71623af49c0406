#ifndef REDISLINGS_CMALLOC_SHIM_H
#define REDISLINGS_CMALLOC_SHIM_H
// glibc's allocator statistics and trimming (mallinfo2, malloc_trim); absent elsewhere.
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
#endif
