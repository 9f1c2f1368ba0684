/*
 * sie_nested_sim.c — coremark at L3, L2's SIE simulated by L1 (shadow SD).
 */
#define SIE_NESTED_SIMULATE 1
#include "bench/sie_nested.h"
