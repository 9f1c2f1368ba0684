/*
 * sie_zone.c — coremark as a zone SIE guest (bench/sie_bench.h).
 */
#define KIND_VR   1
#define KIND_VV   2
#define KIND_ZONE 3
#define SIE_BENCH_KIND KIND_ZONE
#include "bench/sie_bench.h"
