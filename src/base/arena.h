/*
 * A bump allocator for memory that lives exactly as long as one request or
 * one command: allocate freely, release everything at once.
 *
 * Invariants: arena_alloc never returns NULL (allocation failure aborts, as
 * in struct buf); memory is aligned for any type; nothing is freed before
 * arena_release(), which leaves the arena empty and reusable.
 * An arena is not thread-safe: one owner at a time.
 */
#ifndef DV_BASE_ARENA_H
#define DV_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used;  /* bytes used in head */
	size_t total; /* bytes handed out since init, for limits and metrics */
};

#define ARENA_INIT                                                                                 \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void arena_init(struct arena *a);
void arena_release(struct arena *a);

void *arena_alloc(struct arena *a, size_t n);  /* uninitialized */
void *arena_zalloc(struct arena *a, size_t n); /* zeroed */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/*
 * Growable arrays in an arena: arena_push() returns a zeroed slot at the end
 * of the array *v (of *len elements in room for *cap), moving it to a bigger
 * block when full; the old block stays until the arena is released.
 *   struct unit *v = NULL; size_t n = 0, cap = 0;
 *   struct unit *u = ARENA_PUSH(a, v, n, cap);
 */
void *arena_push(struct arena *a, void **v, size_t *len, size_t *cap, size_t size);
#define ARENA_PUSH(a, v, len, cap)                                                                 \
	((__typeof__(v))arena_push((a), (void **)&(v), &(len), &(cap), sizeof(*(v))))

#define arena_new(a, type)	((type *)arena_zalloc((a), sizeof(type)))
#define arena_array(a, type, n) ((type *)arena_zalloc((a), sizeof(type) * (n)))

#endif
