/*
 * sie_nested.c — coremark at L3, L2's SIE interpreted by the machine.
 */
#define SIE_NESTED_SIMULATE 0
#include "bench/sie_nested.h"
