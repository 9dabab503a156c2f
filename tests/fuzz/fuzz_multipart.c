/*
 * libFuzzer target for web/multipart.c.
 *
 * Input layout:
 *   byte 0          n: the number of cut points (taken mod 16)
 *   bytes 1..2n     the cut points, 16-bit little-endian, taken modulo the
 *                   body's length + 1, then sorted
 *   up to '\n'      the Content-Type header value
 *   the rest        the body
 *
 * The body is fed to the streaming parser all at once, byte by byte and in
 * the pieces the cut points make, and parsed by multipart_parse: all four
 * must agree on the parts and on the error (code and message). Every part
 * must respect the limits. A disagreement aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "web/multipart.h"

#define MAX_CUTS 16

/* Small, so the fuzzer reaches them; headers over 256 bytes make the header
 * buffer grow. */
static const struct mp_limits LIM = {8, 300, 600, 40};

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_multipart: %s\n", what);
		abort();
	}
}

static void check_part(const struct mp_part *p)
{
	check(p->name && *p->name, "a part without a name");
	check(strlen(p->name) <= LIM.max_name, "a name over the limit");
	if (p->filename) {
		check(strlen(p->filename) <= LIM.max_name, "a filename over the limit");
		check(!strchr(p->filename, '/') && !strchr(p->filename, '\\'),
		      "a filename with a path");
	}
}

/* The streaming outcome: each part as headers then length-prefixed data. */
struct rec {
	struct buf log;
	struct buf data;
	int open;
	size_t nparts;
};

static void log_part(struct buf *log, const struct mp_part *p, const char *data, size_t len)
{
	buf_addf(log, "<%s|%s|%s>", p->name, p->filename ? p->filename : "(null)",
		 p->content_type ? p->content_type : "(null)");
	if (data) {
		buf_addf(log, "%zu:", len);
		buf_add(log, data, len);
		buf_addch(log, '\n');
	}
}

static int rec_begin(void *u, const struct mp_part *h)
{
	struct rec *r = u;
	check(!r->open, "part_begin inside a part");
	check(!h->data && !h->len, "part_begin with data");
	check_part(h);
	r->open = 1;
	r->nparts++;
	check(r->nparts <= LIM.max_parts, "more parts than the limit");
	log_part(&r->log, h, NULL, 0);
	buf_reset(&r->data);
	return 0;
}

static int rec_data(void *u, const char *s, size_t n)
{
	struct rec *r = u;
	check(r->open, "part_data outside a part");
	check(n > 0, "empty part_data");
	buf_add(&r->data, s, n);
	check(r->data.len <= LIM.max_part_bytes, "part data over the limit");
	return 0;
}

static int rec_end(void *u)
{
	struct rec *r = u;
	check(r->open, "part_end outside a part");
	r->open = 0;
	buf_addf(&r->log, "%zu:", r->data.len);
	buf_add(&r->log, r->data.ptr, r->data.len);
	buf_addch(&r->log, '\n');
	return 0;
}

/* Feed body cut at cuts[0..ncuts) (ascending); the outcome goes to out. */
static void run(const char *boundary, const char *body, size_t len, const size_t *cuts,
		size_t ncuts, struct buf *out)
{
	struct arena a = ARENA_INIT;
	struct rec r = {BUF_INIT, BUF_INIT, 0, 0};
	struct mp_callbacks cb = {rec_begin, rec_data, rec_end, &r};
	struct dv_err err = {0};
	struct mp_parser *p;
	int rc = mp_init(&p, &a, boundary, &LIM, &cb, &err);
	check(rc == 0, "mp_init refused what mp_boundary gave");
	size_t at = 0;
	for (size_t i = 0; i <= ncuts && !rc; i++) {
		size_t to = i < ncuts ? cuts[i] : len;
		rc = mp_feed(p, body + at, to - at, &err);
		at = to;
	}
	if (!rc)
		rc = mp_finish(p, &err);
	check(rc == 0 || rc == DV_EINVAL || rc == DV_ETOOBIG, "an unexpected code");
	if (rc) {
		check(err.code == rc && err.msg[0] && !err.field, "an error without its message");
		/* stopped for good */
		struct dv_err again = {0};
		check(mp_feed(p, "x", 1, &again) == rc && mp_finish(p, &again) == rc,
		      "a stopped parser went on");
		check(strcmp(again.msg, err.msg) == 0, "a stopped parser changed its message");
	} else {
		check(!r.open, "a part left open");
	}
	buf_add(out, r.log.ptr, r.log.len);
	buf_addf(out, "rc=%d %s", rc, rc ? err.msg : "");
	buf_release(&r.log);
	buf_release(&r.data);
	arena_release(&a);
}

static void same(const struct buf *x, const struct buf *y, const char *what)
{
	check(x->len == y->len && memcmp(x->ptr, y->ptr, x->len) == 0, what);
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

/* Run every way over one body whose Content-Type gave `boundary`; rc, err,
 * parts and nparts are what multipart_parse made of it. */
static void compare(const char *boundary, const char *body, size_t len, const uint8_t *raw_cuts,
		    size_t ncuts, int rc, const struct dv_err *err, const struct mp_part *parts,
		    size_t nparts)
{
	/* multipart_parse's outcome in the streaming log's form */
	struct buf whole = BUF_INIT, tail = BUF_INIT;
	check(nparts <= LIM.max_parts, "more parts than the limit");
	for (size_t i = 0; i < nparts; i++) {
		check_part(&parts[i]);
		check(parts[i].len <= LIM.max_part_bytes, "part data over the limit");
		check(parts[i].data[parts[i].len] == '\0', "part data not NUL-terminated");
		check(multipart_find(parts, nparts, parts[i].name) <= &parts[i],
		      "multipart_find missed the first part of a name");
		log_part(&whole, &parts[i], parts[i].data, parts[i].len);
	}
	buf_addf(&tail, "rc=%d %s", rc, rc ? err->msg : "");
	buf_add(&whole, tail.ptr, tail.len);

	struct buf once = BUF_INIT, bytes = BUF_INIT, pieces = BUF_INIT;
	run(boundary, body, len, NULL, 0, &once);
	if (rc == 0)
		same(&once, &whole, "streaming differs from multipart_parse");
	else
		check(once.len >= tail.len &&
			      memcmp(once.ptr + once.len - tail.len, tail.ptr, tail.len) == 0,
		      "streaming fails otherwise than multipart_parse");

	size_t *cuts = malloc((len + MAX_CUTS) * sizeof(*cuts));
	for (size_t i = 0; i < len; i++)
		cuts[i] = i + 1;
	run(boundary, body, len, cuts, len ? len - 1 : 0, &bytes);
	same(&once, &bytes, "byte by byte differs from all at once");

	for (size_t i = 0; i < ncuts; i++)
		cuts[i] = (size_t)(raw_cuts[2 * i] | raw_cuts[2 * i + 1] << 8) % (len + 1);
	qsort(cuts, ncuts, sizeof(*cuts), cmp_size);
	run(boundary, body, len, cuts, ncuts, &pieces);
	same(&once, &pieces, "pieces differ from all at once");

	free(cuts);
	buf_release(&whole);
	buf_release(&tail);
	buf_release(&once);
	buf_release(&bytes);
	buf_release(&pieces);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t ncuts = data[0] % MAX_CUTS;
	if (size < 1 + 2 * ncuts)
		return 0;
	const char *rest = (const char *)data + 1 + 2 * ncuts;
	size_t rest_len = size - 1 - 2 * ncuts;
	const char *nl = memchr(rest, '\n', rest_len);
	size_t ct_len = nl ? (size_t)(nl - rest) : rest_len;
	char *ct = malloc(ct_len + 1);
	memcpy(ct, rest, ct_len);
	ct[ct_len] = '\0';
	/* the body in its own allocation, so ASan sees reads past its end */
	size_t len = nl ? rest_len - ct_len - 1 : 0;
	char *body = malloc(len ? len : 1);
	if (len)
		memcpy(body, nl + 1, len);

	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts = NULL;
	size_t nparts = 0;
	int rc = multipart_parse(&a, ct, body, len, &LIM, &parts, &nparts, &err);
	check(rc == 0 || rc == DV_EINVAL || rc == DV_ETOOBIG, "an unexpected code");
	check(rc != 0 || nparts == 0 || parts, "parts missing");

	char boundary[MP_BOUNDARY_MAX + 1];
	struct dv_err berr = {0};
	if (mp_boundary(ct, boundary, sizeof(boundary), &berr) == 0) {
		check(strlen(boundary) >= 1, "an empty boundary");
		compare(boundary, body, len, data + 1, ncuts, rc, &err, parts, nparts);
	} else {
		check(rc == DV_EINVAL && berr.code == DV_EINVAL && !strcmp(berr.msg, err.msg),
		      "mp_boundary disagrees with multipart_parse");
	}
	arena_release(&a);
	free(ct);
	free(body);
	return 0;
}
