/*
 * array.c - growing arrays.
 */
#include <stdint.h>
#include <stdlib.h>
#include "stagecheck/base/array.h"

sc_error sc_array_reserve(void **items, size_t *cap, size_t count,
                          size_t size)
{
    size_t ncap;
    void *p;

    if (count < *cap)
        return SC_OK;
    ncap = *cap ? *cap * 2 : 16;
    if (ncap < *cap || ncap > SIZE_MAX / size)
        return SC_ERROR_MEMORY;
    p = realloc(*items, ncap * size);
    if (!p)
        return SC_ERROR_MEMORY;
    *items = p;
    *cap = ncap;
    return SC_OK;
}

sc_error sc_array_reserve_exact(void **items, size_t *cap, size_t count,
                                size_t more, size_t size)
{
    size_t want = count + more;
    void *p;

    if (want < count)
        return SC_ERROR_MEMORY;
    if (want <= *cap)
        return SC_OK;
    if (want > SIZE_MAX / size || !(p = realloc(*items, want * size)))
        return SC_ERROR_MEMORY;
    *items = p;
    *cap = want;
    return SC_OK;
}
