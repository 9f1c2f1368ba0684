/* scenario.c — hand-built scenario programs (filled in later). */
#include <string.h>

#include "tests/hercules/randgen.h"

bool scenario_build(Gen *g, const char *name)
{
    (void)g;
    (void)name;
    return false;
}

void scenario_list(FILE *f)
{
    (void)f;
}
