/*
 * A growable byte buffer, after git's strbuf.
 *
 * Invariants:
 *  - `ptr` is never NULL: an empty buffer points at a shared static "" slot,
 *    so it can be printed or compared without checks;
 *  - `ptr[len]` is always '\0', so the content is a C string whenever it
 *    holds no NUL bytes itself;
 *  - `cap` is 0 while the buffer owns no memory.
 *
 * Allocation failure aborts the process: a buffer is used for output whose
 * loss we cannot report sensibly, and Linux overcommits anyway.
 * buf_detach() hands the heap memory to the caller (free() it) and leaves the
 * buffer empty and reusable.
 */
#ifndef DV_BASE_BUF_H
#define DV_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;
	size_t len;
	size_t cap;
};

extern char buf_slopbuf[];
#define BUF_INIT                                                                                   \
	{                                                                                          \
		buf_slopbuf, 0, 0                                                                  \
	}

void buf_init(struct buf *b, size_t hint);
void buf_release(struct buf *b);
/* Return the content as a malloc'd string owned by the caller. */
char *buf_detach(struct buf *b, size_t *len);
/* Make room for at least `extra` more bytes after len. */
void buf_grow(struct buf *b, size_t extra);
void buf_reset(struct buf *b);
void buf_truncate(struct buf *b, size_t len);

void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);

#endif
