/*
 * Tables are declared with [] and checked against what indexes them at
 * compile time:
 *     static const char *const names[] = {[A] = "a", [B] = "b"};
 *     _Static_assert(ARRAY_LEN(names) == KIND_COUNT, "a name per kind");
 * so a table and its enum cannot drift apart (make lint asks for it).
 */
#ifndef DV_BASE_ARRAY_H
#define DV_BASE_ARRAY_H

#include <stddef.h>

/* The number of elements of an array (never of a pointer). */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
