#ifndef REDISLINGS_CHIREDIS_SHIM_H
#define REDISLINGS_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif
