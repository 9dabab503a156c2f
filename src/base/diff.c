#include "base/diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct lines {
	const char **v;
	size_t n;
};

static void split(struct arena *ar, const char *s, struct lines *out)
{
	size_t cap = 0;
	out->v = NULL;
	out->n = 0;
	if (!s || !*s)
		return;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		*ARENA_PUSH(ar, out->v, out->n, cap) = arena_strndup(ar, s, len);
		if (!nl)
			break;
		s = nl + 1;
	}
}

static void emit(struct arena *ar, struct diff_line **out, size_t *n, size_t *cap, enum diff_op op,
		 const char *text)
{
	struct diff_line *d = ARENA_PUSH(ar, *out, *n, *cap);
	d->op = op;
	d->text = text;
}

/* The middle a[0..na) against b[0..nb): a table of LCS lengths of the
 * suffixes, walked from the top. */
static void lcs(struct arena *ar, const char **a, size_t na, const char **b, size_t nb,
		struct diff_line **out, size_t *n, size_t *cap)
{
	size_t w = nb + 1;
	uint16_t *t = calloc((na + 1) * w, sizeof(*t));
	if (!t)
		abort();
	for (size_t i = na; i-- > 0;)
		for (size_t j = nb; j-- > 0;) {
			uint16_t down = t[(i + 1) * w + j], right = t[i * w + j + 1];
			if (strcmp(a[i], b[j]) == 0)
				t[i * w + j] = t[(i + 1) * w + j + 1] + 1;
			else
				t[i * w + j] = down >= right ? down : right;
		}
	size_t i = 0, j = 0;
	while (i < na && j < nb) {
		if (strcmp(a[i], b[j]) == 0) {
			emit(ar, out, n, cap, DIFF_SAME, a[i]);
			i++, j++;
		} else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) {
			emit(ar, out, n, cap, DIFF_DEL, a[i++]);
		} else {
			emit(ar, out, n, cap, DIFF_ADD, b[j++]);
		}
	}
	while (i < na)
		emit(ar, out, n, cap, DIFF_DEL, a[i++]);
	while (j < nb)
		emit(ar, out, n, cap, DIFF_ADD, b[j++]);
	free(t);
}

void diff_lines(struct arena *ar, const char *a, const char *b, struct diff_line **out, size_t *n)
{
	struct lines la, lb;
	size_t cap = 0, head = 0, tail = 0;
	*out = NULL;
	*n = 0;
	split(ar, a, &la);
	split(ar, b, &lb);
	while (head < la.n && head < lb.n && strcmp(la.v[head], lb.v[head]) == 0)
		head++;
	while (tail < la.n - head && tail < lb.n - head &&
	       strcmp(la.v[la.n - 1 - tail], lb.v[lb.n - 1 - tail]) == 0)
		tail++;
	for (size_t i = 0; i < head; i++)
		emit(ar, out, n, &cap, DIFF_SAME, la.v[i]);
	size_t na = la.n - head - tail, nb = lb.n - head - tail;
	if (na == 0 && nb == 0) {
		/* nothing in between (and la.v may be NULL: no pointer arithmetic) */
	} else if (na <= DIFF_MAX_LINES && nb <= DIFF_MAX_LINES) {
		lcs(ar, na ? la.v + head : NULL, na, nb ? lb.v + head : NULL, nb, out, n, &cap);
	} else {
		for (size_t i = 0; i < na; i++)
			emit(ar, out, n, &cap, DIFF_DEL, la.v[head + i]);
		for (size_t i = 0; i < nb; i++)
			emit(ar, out, n, &cap, DIFF_ADD, lb.v[head + i]);
	}
	for (size_t i = la.n - tail; i < la.n; i++)
		emit(ar, out, n, &cap, DIFF_SAME, la.v[i]);
}
