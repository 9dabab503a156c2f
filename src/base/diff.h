/*
 * Line differences between two texts, for the public history of a notice:
 * which lines were removed and which were added from one version to the
 * next (a longest common subsequence of lines).
 */
#ifndef DV_BASE_DIFF_H
#define DV_BASE_DIFF_H

#include <stddef.h>

#include "base/arena.h"

/* Past this many differing lines on either side (after the common head and
 * tail are set aside) the middle is shown as all removed, then all added. */
#define DIFF_MAX_LINES 1000

enum diff_op { DIFF_SAME, DIFF_DEL, DIFF_ADD };

struct diff_line {
	enum diff_op op;
	const char *text; /* the line without its '\n', NUL-terminated, in the arena */
};

/*
 * The lines of `a` and `b` ('\n' separated; NULL reads as "") as a sequence
 * that turns a into b: every line of a appears once as SAME or DEL, every
 * line of b once as SAME or ADD, in order. Arena array in *out.
 */
void diff_lines(struct arena *ar, const char *a, const char *b, struct diff_line **out, size_t *n);

#endif
