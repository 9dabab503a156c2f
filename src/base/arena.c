#include "base/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK 8192
#define ARENA_ALIGN 16

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fputs("danvan: out of memory\n", stderr);
		abort();
	}
	return p;
}

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena_init(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need < n) {
		fputs("danvan: arena size overflow\n", stderr);
		abort();
	}
	a->total += need;
	if (a->head && a->head->size - a->used >= need) {
		void *p = a->head->data + a->used;
		a->used += need;
		return p;
	}
	if (need > ARENA_CHUNK / 4) {
		/* A big block gets a chunk of its own, kept behind the head so the
		 * head's free space is not wasted. */
		struct arena_chunk *c = xmalloc(sizeof(*c) + need);
		c->size = need;
		if (a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = NULL;
			a->head = c;
			a->used = need;
		}
		return c->data;
	}
	struct arena_chunk *c = xmalloc(sizeof(*c) + ARENA_CHUNK);
	c->size = ARENA_CHUNK;
	c->next = a->head;
	a->head = c;
	a->used = need;
	return c->data;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return arena_strdup(a, "");
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void *arena_push(struct arena *a, void **v, size_t *len, size_t *cap, size_t size)
{
	if (*len >= *cap || !*v) {
		size_t ncap = *cap ? *cap * 2 : 16;
		void *w = arena_alloc(a, ncap * size);
		if (*len)
			memcpy(w, *v, *len * size);
		*v = w;
		*cap = ncap;
	}
	void *slot = (char *)*v + *len * size;
	memset(slot, 0, size);
	(*len)++;
	return slot;
}
