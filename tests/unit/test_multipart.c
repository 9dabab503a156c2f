#include "testlib.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "web/multipart.h"

#define CT "multipart/form-data; boundary=AaB03x"
#define CD "Content-Disposition: form-data; "

static const struct mp_limits LIM = {32, 1 << 20, 4096, 256};

/* A string literal as pointer and length, NUL bytes included. */
#define LIT(s) (s), (sizeof(s) - 1)

/* ------------------------------------------------------------- helpers */

/* Parse body with multipart_parse into *parts; returns the code. */
static int parse_lim(struct arena *a, const char *body, size_t len, const struct mp_limits *lim,
		     struct mp_part **parts, size_t *n, struct dv_err *err)
{
	*parts = NULL;
	*n = 0;
	dv_err_clear(err);
	err->field = "untouched";
	int rc = multipart_parse(a, CT, body, len, lim, parts, n, err);
	if (rc) {
		assert_int_equal(err->code, rc);
		assert_null(err->field);
		assert_true(err->msg[0] != '\0');
	}
	return rc;
}

static int parse(struct arena *a, const char *body, size_t len, struct mp_part **parts, size_t *n,
		 struct dv_err *err)
{
	return parse_lim(a, body, len, &LIM, parts, n, err);
}

static void assert_part(const struct mp_part *p, const char *name, const char *filename,
			const char *content_type, const char *data, size_t len)
{
	assert_string_equal(p->name, name);
	if (filename)
		assert_string_equal(p->filename, filename);
	else
		assert_null(p->filename);
	if (content_type)
		assert_string_equal(p->content_type, content_type);
	else
		assert_null(p->content_type);
	assert_int_equal(p->len, len);
	assert_memory_equal(p->data, data, len);
	assert_int_equal(p->data[len], '\0');
}

/*
 * A recorder for the streaming interface: each part is written to `log` as
 * name, filename, content type and length-prefixed data, so two runs give
 * the same log exactly when they gave the same parts.
 */
struct rec {
	struct buf log;
	struct buf data;
	int open;
	int stop_at; /* part_begin of this part (1-based) returns 42; 0: never */
	int begun;
};

static int rec_begin(void *u, const struct mp_part *h)
{
	struct rec *r = u;
	assert_false(r->open);
	assert_null(h->data);
	assert_int_equal(h->len, 0);
	r->open = 1;
	r->begun++;
	if (r->stop_at == r->begun)
		return 42;
	buf_addf(&r->log, "<%s|%s|%s>", h->name, h->filename ? h->filename : "(null)",
		 h->content_type ? h->content_type : "(null)");
	buf_reset(&r->data);
	return 0;
}

static int rec_data(void *u, const char *s, size_t n)
{
	struct rec *r = u;
	assert_true(r->open);
	assert_true(n > 0);
	buf_add(&r->data, s, n);
	return 0;
}

static int rec_end(void *u)
{
	struct rec *r = u;
	assert_true(r->open);
	r->open = 0;
	buf_addf(&r->log, "%zu:", r->data.len);
	buf_add(&r->log, r->data.ptr, r->data.len);
	buf_addch(&r->log, '\n');
	return 0;
}

/* Feed body in pieces cut at cuts[0..ncuts) (ascending); the log goes to
 * out, followed by the code and message of the outcome. */
static int feed(const char *body, size_t len, const size_t *cuts, size_t ncuts,
		const struct mp_limits *lim, struct buf *out)
{
	struct arena a = ARENA_INIT;
	struct rec r = {BUF_INIT, BUF_INIT, 0, 0, 0};
	struct mp_callbacks cb = {rec_begin, rec_data, rec_end, &r};
	struct dv_err err = {0};
	struct mp_parser *p;
	assert_int_equal(mp_init(&p, &a, "AaB03x", lim, &cb, &err), 0);
	int rc = 0;
	size_t at = 0;
	for (size_t i = 0; i <= ncuts && !rc; i++) {
		size_t to = i < ncuts ? cuts[i] : len;
		rc = mp_feed(p, body + at, to - at, &err);
		at = to;
	}
	if (!rc)
		rc = mp_finish(p, &err);
	buf_reset(out);
	buf_add(out, r.log.ptr, r.log.len);
	buf_addf(out, "rc=%d %s", rc, rc ? err.msg : "");
	buf_release(&r.log);
	buf_release(&r.data);
	arena_release(&a);
	return rc;
}

/* Feed one byte at a time. */
static int feed_bytes(const char *body, size_t len, const struct mp_limits *lim, struct buf *out)
{
	size_t *cuts = test_malloc((len + 1) * sizeof(*cuts));
	for (size_t i = 0; i < len; i++)
		cuts[i] = i + 1;
	int rc = feed(body, len, cuts, len ? len - 1 : 0, lim, out);
	test_free(cuts);
	return rc;
}

/* Parse body whole, then cut at every point, at every pair of points and
 * byte by byte: all must give the log `want`. */
static void assert_every_split(const char *body, size_t len, const struct mp_limits *lim,
			       const char *want)
{
	struct buf got = BUF_INIT;
	feed(body, len, NULL, 0, lim, &got);
	assert_string_equal(got.ptr, want);
	for (size_t k = 0; k <= len; k++) {
		feed(body, len, &k, 1, lim, &got);
		assert_string_equal(got.ptr, want);
	}
	for (size_t i = 0; i <= len; i++) {
		for (size_t j = i; j <= len; j++) {
			size_t cuts[2] = {i, j};
			feed(body, len, cuts, 2, lim, &got);
			assert_string_equal(got.ptr, want);
		}
	}
	feed_bytes(body, len, lim, &got);
	assert_string_equal(got.ptr, want);
	buf_release(&got);
}

/* Binary data with things that look like the delimiter "\r\n--AaB03x" but
 * are not: a partial boundary after CRLF, the boundary without CRLF before
 * it, the boundary followed by another character or by "-" and another,
 * NUL bytes, and a CR right before the real delimiter. */
static const char BIN[] = "\0\x01\xff"
			  "a\r\n--\r\n--AaB03\r\n--AaB03X"
			  "--AaB03x--"
			  "\r\n--AaB03xZ"
			  "\r\n--AaB03x-y"
			  "\r\r\n\r\n-\0\r";

/* The body of a form with a field and a file holding BIN. */
static void file_body(struct buf *b)
{
	buf_adds(b, "--AaB03x\r\n" CD "name=\"title\"\r\n\r\nDanh sách hộ\r\n"
		    "--AaB03x\r\n" CD "name=\"file\"; filename=\"data.bin\"\r\n"
		    "Content-Type: application/octet-stream\r\n\r\n");
	buf_add(b, BIN, sizeof(BIN) - 1);
	buf_adds(b, "\r\n--AaB03x--\r\n");
}

/* --------------------------------------------------------------- fields */

static void simple_fields(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	static const char body[] = "--AaB03x\r\n" CD "name=\"title\"\r\n\r\nHọp tổ dân phố\r\n"
				   "--AaB03x\r\n" CD "name=\"count\"\r\n\r\n3\r\n"
				   "--AaB03x\r\n" CD "name=\"note\"\r\n\r\n\r\n"
				   "--AaB03x--\r\n";
	assert_int_equal(parse(&a, LIT(body), &parts, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_part(&parts[0], "title", NULL, NULL, LIT("Họp tổ dân phố"));
	assert_part(&parts[1], "count", NULL, NULL, LIT("3"));
	assert_part(&parts[2], "note", NULL, NULL, LIT(""));
	assert_ptr_equal(multipart_find(parts, n, "count"), &parts[1]);
	assert_null(multipart_find(parts, n, "missing"));
	assert_null(multipart_find(parts, n, "Count"));
	arena_release(&a);
}

static void find_gives_the_first_of_a_name(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	static const char body[] = "--AaB03x\r\n" CD "name=\"tag\"\r\n\r\none\r\n"
				   "--AaB03x\r\n" CD "name=\"tag\"\r\n\r\ntwo\r\n"
				   "--AaB03x--";
	assert_int_equal(parse(&a, LIT(body), &parts, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(multipart_find(parts, n, "tag")->data, "one");
	assert_null(multipart_find(parts, 0, "tag"));
	arena_release(&a);
}

static void file_with_binary_data(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct buf b = BUF_INIT;
	struct mp_part *parts;
	size_t n;
	file_body(&b);
	assert_int_equal(parse(&a, b.ptr, b.len, &parts, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_part(&parts[0], "title", NULL, NULL, LIT("Danh sách hộ"));
	assert_part(&parts[1], "file", "data.bin", "application/octet-stream", BIN,
		    sizeof(BIN) - 1);
	buf_release(&b);
	arena_release(&a);
}

static void filename_keeps_only_the_basename(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	static const char body[] =
		"--AaB03x\r\n" CD
		"name=\"f1\"; filename=\"C:\\Users\\Lan\\Documents\\ho-khau.csv\"\r\n"
		"\r\nx\r\n"
		"--AaB03x\r\n" CD "name=\"f2\"; filename=\"/home/lan/tài liệu/danh sách.csv\"\r\n"
		"\r\ny\r\n"
		"--AaB03x\r\n" CD "name=\"f3\"; filename=\"C:\\\\dir\\\\a.csv\"\r\n"
		"\r\nz\r\n"
		"--AaB03x\r\n" CD "name=\"f4\"; filename=\"\"\r\n"
		"Content-Type: application/octet-stream\r\n\r\n\r\n"
		"--AaB03x\r\n" CD "name=\"f5\"; filename=\"dir/sub\\b.txt\"\r\n"
		"\r\n\r\n"
		"--AaB03x\r\n" CD "name=\"f6\"; filename=\"dir\\sub/c.txt\"\r\n"
		"\r\n\r\n"
		"--AaB03x--\r\n";
	assert_int_equal(parse(&a, LIT(body), &parts, &n, &err), 0);
	assert_int_equal(n, 6);
	assert_part(&parts[0], "f1", "ho-khau.csv", NULL, LIT("x"));
	assert_part(&parts[1], "f2", "danh sách.csv", NULL, LIT("y"));
	assert_part(&parts[2], "f3", "a.csv", NULL, LIT("z"));
	/* a file input left empty: filename "" and no data */
	assert_part(&parts[3], "f4", "", "application/octet-stream", LIT(""));
	assert_part(&parts[4], "f5", "b.txt", NULL, LIT(""));
	assert_part(&parts[5], "f6", "c.txt", NULL, LIT(""));
	arena_release(&a);
}

static void quoted_and_token_names(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	static const char body[] = "--AaB03x\r\n" CD "name=\"say \\\"hi\\\"\"\r\n\r\n1\r\n"
				   "--AaB03x\r\n" CD "name=plain\r\n\r\n2\r\n"
				   "--AaB03x\r\n" CD "name=\"a\\\\b;c=d\"\r\n\r\n3\r\n"
				   "--AaB03x\r\n"
				   "content-disposition:FORM-DATA;NAME=\"Upper\" ; x=\"y\";\r\n"
				   "CONTENT-TYPE: text/plain\r\n"
				   "X-Other: ignored\r\n\r\n4\r\n"
				   "--AaB03x--\r\n";
	assert_int_equal(parse(&a, LIT(body), &parts, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_part(&parts[0], "say \"hi\"", NULL, NULL, LIT("1"));
	assert_part(&parts[1], "plain", NULL, NULL, LIT("2"));
	assert_part(&parts[2], "a\\b;c=d", NULL, NULL, LIT("3"));
	assert_part(&parts[3], "Upper", NULL, "text/plain", LIT("4"));
	arena_release(&a);
}

static void part_content_type(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	static const char body[] = "--AaB03x\r\n" CD "name=\"csv\"; filename=\"ho.csv\"\r\n"
				   "Content-Type:   text/csv; charset=utf-8  \r\n\r\n"
				   "ma_ho,ten\r\nHK001,Nguyễn Văn An\r\n\r\n"
				   "--AaB03x--\r\n";
	assert_int_equal(parse(&a, LIT(body), &parts, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_part(&parts[0], "csv", "ho.csv", "text/csv; charset=utf-8",
		    LIT("ma_ho,ten\r\nHK001,Nguyễn Văn An\r\n"));
	arena_release(&a);
}

/* ------------------------------------------------------------ streaming */

static void every_split_gives_the_same_parts(void **state)
{
	(void)state;
	struct buf b = BUF_INIT, want = BUF_INIT;
	file_body(&b);
	buf_adds(&want, "<title|(null)|(null)>");
	buf_addf(&want, "%zu:Danh sách hộ\n", strlen("Danh sách hộ"));
	buf_addf(&want, "<file|data.bin|application/octet-stream>%zu:", sizeof(BIN) - 1);
	buf_add(&want, BIN, sizeof(BIN) - 1);
	buf_adds(&want, "\nrc=0 ");
	/* the log holds NUL bytes: compare them as memory first */
	struct buf got = BUF_INIT;
	feed(b.ptr, b.len, NULL, 0, &LIM, &got);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.ptr, want.ptr, want.len);
	/* then every split, compared to that */
	for (size_t k = 0; k <= b.len; k++) {
		feed(b.ptr, b.len, &k, 1, &LIM, &got);
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.ptr, want.ptr, want.len);
	}
	feed_bytes(b.ptr, b.len, &LIM, &got);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.ptr, want.ptr, want.len);
	buf_release(&got);
	buf_release(&want);
	buf_release(&b);
}

static void every_pair_of_splits_gives_the_same_parts(void **state)
{
	(void)state;
	static const char body[] = "pre\r\n--AaB03xx\r\n--AaB03x \t\r\n" CD "name=\"a\"\r\n\r\n"
				   "1\r\n--AaB0\r\n--AaB03x-\r\r\n--AaB03x\r\n" CD "name=b\r\n"
				   "\r\n\r\n--AaB03x--ep\r\n--AaB03x\r\n";
	assert_every_split(LIT(body), &LIM,
			   "<a|(null)|(null)>21:1\r\n--AaB0\r\n--AaB03x-\r\n"
			   "<b|(null)|(null)>0:\nrc=0 ");
}

static void errors_are_the_same_at_every_split(void **state)
{
	(void)state;
	struct mp_limits lim = LIM;
	lim.max_part_bytes = 4;
	/* the part is exactly 4 bytes, held back by a delimiter lookalike */
	static const char ok[] = "--AaB03x\r\n" CD "name=a\r\n\r\n12\r\n\r\n--AaB03x--";
	assert_every_split(LIT(ok), &lim, "<a|(null)|(null)>4:12\r\n\nrc=0 ");
	/* one more byte, and the part is refused wherever the body is cut */
	static const char big[] = "--AaB03x\r\n" CD "name=a\r\n\r\n123\r\n\r\n--AaB03x--";
	assert_every_split(LIT(big), &lim,
			   "<a|(null)|(null)>rc=-5 A part of the upload is larger than 4 bytes");
	static const char lf[] = "--AaB03x\r\n" CD "name=a\r\n\r\n1\r\n--AaB03x\n";
	assert_every_split(LIT(lf), &LIM,
			   "<a|(null)|(null)>rc=-1 The upload uses bare LF line endings; "
			   "multipart bodies need CRLF");
}

static void callback_code_stops_the_parse(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct rec r = {BUF_INIT, BUF_INIT, 0, 2, 0};
	struct mp_callbacks cb = {rec_begin, rec_data, rec_end, &r};
	struct dv_err err = {0};
	struct mp_parser *p;
	static const char body[] = "--AaB03x\r\n" CD "name=a\r\n\r\n1\r\n"
				   "--AaB03x\r\n" CD "name=b\r\n\r\n2\r\n"
				   "--AaB03x\r\n" CD "name=c\r\n\r\n3\r\n"
				   "--AaB03x--";
	assert_int_equal(mp_init(&p, &a, "AaB03x", &LIM, &cb, &err), 0);
	assert_int_equal(mp_feed(p, LIT(body), &err), 42);
	assert_int_equal(r.begun, 2);
	assert_string_equal(r.log.ptr, "<a|(null)|(null)>1:1\n");
	/* stopped for good */
	assert_int_equal(mp_feed(p, LIT("--AaB03x--"), &err), 42);
	assert_int_equal(mp_finish(p, &err), 42);
	assert_int_equal(r.begun, 2);
	buf_release(&r.log);
	buf_release(&r.data);
	arena_release(&a);
}

static void errors_are_sticky(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_parser *p;
	assert_int_equal(mp_init(&p, &a, "AaB03x", &LIM, NULL, &err), 0);
	assert_int_equal(mp_feed(p, LIT("--AaB03x\n"), &err), DV_EINVAL);
	assert_non_null(strstr(err.msg, "bare LF"));
	struct dv_err later = {0};
	later.field = "x";
	assert_int_equal(mp_feed(p, LIT("--AaB03x--\r\n"), &later), DV_EINVAL);
	assert_string_equal(later.msg, err.msg);
	assert_int_equal(later.code, DV_EINVAL);
	assert_null(later.field);
	assert_int_equal(mp_finish(p, &later), DV_EINVAL);
	assert_string_equal(later.msg, err.msg);
	arena_release(&a);
}

/* ---------------------------------------------------- preamble, epilogue */

static void preamble_and_epilogue_are_ignored(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	static const char body[] =
		"--AaB03xyz\r\nThis is the preamble; it mentions --AaB03x inline.\r\n"
		"--AaB03x \t \r\n" CD "name=\"a\"\r\n\r\nvalue\r\n"
		"--AaB03x--  \r\nThis is the epilogue.\r\n"
		"--AaB03x\r\n" CD "name=\"ghost\"\r\n\r\nboo\r\n--AaB03x--\r\n";
	assert_int_equal(parse(&a, LIT(body), &parts, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_part(&parts[0], "a", NULL, NULL, LIT("value"));
	assert_null(multipart_find(parts, n, "ghost"));
	arena_release(&a);
}

static void only_the_closing_boundary_is_zero_parts(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	static const char *bodies[] = {"--AaB03x--", "--AaB03x--\r\n", "preamble\r\n--AaB03x--"};
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		n = 99;
		assert_int_equal(parse(&a, bodies[i], strlen(bodies[i]), &parts, &n, &err), 0);
		assert_int_equal(n, 0);
		assert_null(parts);
	}
	/* even when no part at all is allowed */
	struct mp_limits lim = LIM;
	lim.max_parts = 0;
	assert_int_equal(parse_lim(&a, LIT("--AaB03x--"), &lim, &parts, &n, &err), 0);
	assert_int_equal(n, 0);
	arena_release(&a);
}

static void empty_body_is_refused(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	assert_int_equal(parse(&a, "", 0, &parts, &n, &err), DV_EINVAL);
	assert_string_equal(err.msg, "The upload ended before its closing boundary");
	assert_int_equal(parse(&a, NULL, 0, &parts, &n, &err), DV_EINVAL);
	arena_release(&a);
}

/* ------------------------------------------------------------- refusals */

/* Parse body and check it is refused with code and a message holding msg. */
static void assert_refused(const char *body, size_t len, int code, const char *msg)
{
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	assert_int_equal(parse(&a, body, len, &parts, &n, &err), code);
	if (!strstr(err.msg, msg))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, msg);
	assert_null(parts);
	assert_int_equal(n, 0);
	arena_release(&a);
}

static void missing_closing_boundary(void **state)
{
	(void)state;
	const char *closing = "closing boundary";
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n\r\nvalue\r\n"), DV_EINVAL, closing);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n\r\nvalue\r\n--AaB03x"), DV_EINVAL,
		       closing);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n\r\nvalue\r\n--AaB03x-"), DV_EINVAL,
		       closing);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n\r\nvalue\r\n--AaB0"), DV_EINVAL, closing);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n"), DV_EINVAL, closing);
	assert_refused(LIT("--AaB03x\r\n"), DV_EINVAL, closing);
	assert_refused(LIT("preamble only"), DV_EINVAL, closing);
	/* "--" then not the closing delimiter's second dash */
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n\r\nvalue\r\n--AaB03x-x"), DV_EINVAL,
		       closing);
	/* the closing boundary must follow a CRLF: right after the blank line
	 * it is the part's data */
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n\r\n--AaB03x--"), DV_EINVAL, closing);
}

static void bare_lf_is_refused(void **state)
{
	(void)state;
	assert_refused(LIT("--AaB03x\n" CD "name=\"a\"\n\nvalue\n--AaB03x--\n"), DV_EINVAL,
		       "bare LF");
	assert_refused(LIT("--AaB03x\r\n" CD "name=\"a\"\n\r\nvalue\r\n--AaB03x--\r\n"), DV_EINVAL,
		       "bare LF");
	assert_refused(LIT("--AaB03x\r\n" CD "name=\"a\"\r\n\nvalue\r\n--AaB03x--\r\n"), DV_EINVAL,
		       "bare LF");
	assert_refused(LIT("--AaB03x \n"), DV_EINVAL, "bare LF");
}

static void malformed_boundary_lines(void **state)
{
	(void)state;
	const char *m = "malformed boundary line";
	assert_refused(LIT("--AaB03x x\r\n"), DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\rx"), DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n\r\n1\r\n--AaB03x --\r\n"), DV_EINVAL, m);
}

static void content_disposition_is_required(void **state)
{
	(void)state;
	const char *m = "Content-Disposition";
	assert_refused(LIT("--AaB03x\r\nContent-Type: text/plain\r\n\r\nv\r\n--AaB03x--"),
		       DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n"
			   "--AaB03x--"),
		       DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\nContent-Disposition: form-datax; name=a\r\n\r\nv\r\n"
			   "--AaB03x--"),
		       DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n" CD "filename=\"a.csv\"\r\n\r\nv\r\n--AaB03x--"),
		       DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=\"\"\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\nContent-Disposition: form-data\r\n\r\nv\r\n--AaB03x--"),
		       DV_EINVAL, m);
}

static void malformed_headers(void **state)
{
	(void)state;
	assert_refused(LIT("--AaB03x\r\nContent-Disposition form-data; name=a\r\n\r\nv\r\n"
			   "--AaB03x--"),
		       DV_EINVAL, "has no ':'");
	assert_refused(LIT("--AaB03x\r\n" CD "name=\"a\0b\"\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL,
		       "NUL byte");
	assert_refused(LIT("--AaB03x\r\n" CD "name=\"a\x01"
			   "b\"\r\n\r\nv\r\n--AaB03x--"),
		       DV_EINVAL, "control character");
	assert_refused(LIT("--AaB03x\r\n" CD "name=\"a\rb\"\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL,
		       "control character");
	const char *m = "is malformed";
	assert_refused(LIT("--AaB03x\r\n" CD "name=a; name=b\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL,
		       m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=\"a\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a b\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\nContent Type: x\r\n\r\nv\r\n--AaB03x--"),
		       DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n : x\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL,
		       m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n: x\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\n" CD "name=b\r\n\r\nv\r\n--AaB03x--"),
		       DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=a\r\nContent-Type: a\r\nContent-Type: b\r\n"
			   "\r\nv\r\n--AaB03x--"),
		       DV_EINVAL, m);
	assert_refused(LIT("--AaB03x\r\n" CD "name=\"\xff\"\r\n\r\nv\r\n--AaB03x--"), DV_EINVAL,
		       "not valid UTF-8");
	assert_refused(LIT("--AaB03x\r\n" CD "name=a; filename=\"\xc3(\"\r\n\r\nv\r\n--AaB03x--"),
		       DV_EINVAL, "not valid UTF-8");
}

/* --------------------------------------------------------------- limits */

static void limit_on_parts(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	struct mp_limits lim = LIM;
	static const char body[] = "--AaB03x\r\n" CD "name=a\r\n\r\n1\r\n"
				   "--AaB03x\r\n" CD "name=b\r\n\r\n2\r\n"
				   "--AaB03x\r\n" CD "name=c\r\n\r\n3\r\n"
				   "--AaB03x--\r\n";
	lim.max_parts = 3;
	assert_int_equal(parse_lim(&a, LIT(body), &lim, &parts, &n, &err), 0);
	assert_int_equal(n, 3);
	lim.max_parts = 2;
	assert_int_equal(parse_lim(&a, LIT(body), &lim, &parts, &n, &err), DV_ETOOBIG);
	assert_string_equal(err.msg, "The upload has more than 2 parts");
	assert_null(parts);
	arena_release(&a);
}

static void limit_on_part_bytes(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	struct mp_limits lim = LIM;
	static const char body[] = "--AaB03x\r\n" CD "name=a\r\n\r\n0123456789\r\n"
				   "--AaB03x\r\n" CD "name=b\r\n\r\n012345678\r\r\n"
				   "--AaB03x--\r\n";
	struct buf log = BUF_INIT;
	lim.max_part_bytes = 10;
	assert_int_equal(parse_lim(&a, LIT(body), &lim, &parts, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_part(&parts[0], "a", NULL, NULL, LIT("0123456789"));
	assert_part(&parts[1], "b", NULL, NULL, LIT("012345678\r"));
	assert_int_equal(feed_bytes(LIT(body), &lim, &log), 0);
	lim.max_part_bytes = 9;
	assert_int_equal(parse_lim(&a, LIT(body), &lim, &parts, &n, &err), DV_ETOOBIG);
	assert_string_equal(err.msg, "A part of the upload is larger than 9 bytes");
	assert_int_equal(feed_bytes(LIT(body), &lim, &log), DV_ETOOBIG);
	buf_release(&log);
	arena_release(&a);
}

static void limit_on_header_bytes(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	struct mp_limits lim = LIM;
	static const char headers[] = CD "name=\"a\"\r\nContent-Type: text/plain\r\n";
	static const char body[] = "--AaB03x\r\n" CD "name=\"a\"\r\nContent-Type: text/plain\r\n"
				   "\r\nv\r\n--AaB03x--";
	struct buf log = BUF_INIT;
	lim.max_header_bytes = sizeof(headers) - 1;
	assert_int_equal(parse_lim(&a, LIT(body), &lim, &parts, &n, &err), 0);
	assert_part(&parts[0], "a", NULL, "text/plain", LIT("v"));
	assert_int_equal(feed_bytes(LIT(body), &lim, &log), 0);
	lim.max_header_bytes = sizeof(headers) - 2;
	assert_int_equal(parse_lim(&a, LIT(body), &lim, &parts, &n, &err), DV_ETOOBIG);
	assert_int_equal(feed_bytes(LIT(body), &lim, &log), DV_ETOOBIG);
	char want[100];
	snprintf(want, sizeof(want),
		 "The headers of a part of the upload are longer than %zu bytes",
		 sizeof(headers) - 2);
	assert_string_equal(err.msg, want);
	buf_release(&log);
	arena_release(&a);
}

static void long_headers_are_kept_whole(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	struct buf b = BUF_INIT;
	buf_adds(&b, "--AaB03x\r\n" CD "name=\"a\"; filename=\"C:\\");
	for (int i = 0; i < 100; i++)
		buf_adds(&b, "thu muc\\");
	buf_adds(&b, "ho.csv\"\r\nX-Long: ");
	for (int i = 0; i < 2000; i++)
		buf_addch(&b, 'x');
	buf_adds(&b, "\r\nContent-Type: text/csv\r\n\r\nv\r\n--AaB03x--");
	assert_int_equal(parse(&a, b.ptr, b.len, &parts, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_part(&parts[0], "a", "ho.csv", "text/csv", LIT("v"));
	buf_release(&b);
	arena_release(&a);
}

static void limit_on_names(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_part *parts;
	size_t n;
	struct mp_limits lim = LIM;
	static const char body[] = "--AaB03x\r\n" CD "name=\"abcde\"\r\n\r\nv\r\n--AaB03x--";
	lim.max_name = 5;
	assert_int_equal(parse_lim(&a, LIT(body), &lim, &parts, &n, &err), 0);
	assert_string_equal(parts[0].name, "abcde");
	lim.max_name = 4;
	assert_int_equal(parse_lim(&a, LIT(body), &lim, &parts, &n, &err), DV_ETOOBIG);
	assert_string_equal(err.msg,
			    "A field name or file name in the upload is longer than 4 bytes");
	/* a filename counts after the path is cut off */
	static const char file[] =
		"--AaB03x\r\n" CD
		"name=f; filename=\"C:\\long\\path\\abcdef\"\r\n\r\nv\r\n--AaB03x--";
	lim.max_name = 6;
	assert_int_equal(parse_lim(&a, LIT(file), &lim, &parts, &n, &err), 0);
	assert_string_equal(parts[0].filename, "abcdef");
	lim.max_name = 5;
	assert_int_equal(parse_lim(&a, LIT(file), &lim, &parts, &n, &err), DV_ETOOBIG);
	/* bytes, not characters: "hộ" is 4 bytes */
	static const char viet[] = "--AaB03x\r\n" CD "name=\"hộ\"\r\n\r\nv\r\n--AaB03x--";
	lim.max_name = 4;
	assert_int_equal(parse_lim(&a, LIT(viet), &lim, &parts, &n, &err), 0);
	lim.max_name = 3;
	assert_int_equal(parse_lim(&a, LIT(viet), &lim, &parts, &n, &err), DV_ETOOBIG);
	arena_release(&a);
}

/* -------------------------------------------------------------- boundary */

static void assert_boundary(const char *content_type, const char *want)
{
	char out[MP_BOUNDARY_MAX + 1];
	struct dv_err err = {0};
	err.field = "x";
	int rc = mp_boundary(content_type, out, sizeof(out), &err);
	if (want) {
		if (rc)
			fail_msg("%s: %s", content_type, err.msg);
		assert_string_equal(out, want);
	} else {
		if (rc != DV_EINVAL)
			fail_msg("%s: accepted as %s", content_type ? content_type : "NULL", out);
		assert_null(err.field);
		assert_int_equal(err.code, DV_EINVAL);
	}
}

static void boundary_from_content_type(void **state)
{
	(void)state;
	assert_boundary("multipart/form-data; boundary=AaB03x", "AaB03x");
	assert_boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
			"----WebKitFormBoundary7MA4YWxkTrZu0gW");
	assert_boundary("multipart/form-data; boundary=\"gc0p4Jq0M:2Yt08j(U)534c0p\"",
			"gc0p4Jq0M:2Yt08j(U)534c0p");
	assert_boundary("multipart/form-data; boundary=\"a b\"", "a b");
	assert_boundary("Multipart/Form-Data;BOUNDARY=abc; charset=utf-8", "abc");
	assert_boundary("  multipart/form-data ; charset=utf-8; BoUnDaRy=x'+_-.y  ", "x'+_-.y");
	char b70[80], b71[80], ct[120];
	memset(b70, 'b', 70);
	b70[70] = '\0';
	memset(b71, 'b', 71);
	b71[71] = '\0';
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b70);
	assert_boundary(ct, b70);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=\"%s\"", b70);
	assert_boundary(ct, b70);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b71);
	assert_boundary(ct, NULL);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=\"%s\"", b71);
	assert_boundary(ct, NULL);

	/* missing, empty or invalid */
	assert_boundary("multipart/form-data", NULL);
	assert_boundary("multipart/form-data; charset=utf-8", NULL);
	assert_boundary("multipart/form-data; boundary=", NULL);
	assert_boundary("multipart/form-data; boundary=\"\"", NULL);
	assert_boundary("multipart/form-data; boundary=\"ab \"", NULL);
	assert_boundary("multipart/form-data; boundary=\"a@b\"", NULL);
	assert_boundary("multipart/form-data; boundary=\"a\\\"b\"", NULL);
	assert_boundary("multipart/form-data; boundary=\"ab", NULL);
	assert_boundary("multipart/form-data; boundary=a:b", NULL);
	assert_boundary("multipart/form-data; boundary=a!b", NULL);
	assert_boundary("multipart/form-data; boundary=a b", NULL);
	assert_boundary("multipart/form-data; boundary=a; boundary=a", NULL);
	assert_boundary("multipart/form-data boundary=a", NULL);
	/* other content types */
	assert_boundary("multipart/mixed; boundary=abc", NULL);
	assert_boundary("multipart/form-datax; boundary=abc", NULL);
	assert_boundary("application/x-www-form-urlencoded", NULL);
	assert_boundary("text/plain; boundary=abc", NULL);
	assert_boundary("", NULL);
	assert_boundary(NULL, NULL);

	struct dv_err err = {0};
	char small[5];
	assert_int_equal(mp_boundary("multipart/form-data; boundary=abcde", small, 5, &err),
			 DV_EINVAL);
	assert_int_equal(mp_boundary("multipart/form-data; boundary=abcd", small, 5, &err), 0);
	assert_string_equal(small, "abcd");
	assert_int_equal(mp_boundary("text/plain", small, 5, &err), DV_EINVAL);
	assert_string_equal(err.msg, "This upload was not sent as multipart/form-data");
}

static void init_refuses_invalid_boundaries(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct dv_err err = {0};
	struct mp_parser *p = NULL;
	assert_int_equal(mp_init(&p, &a, "", &LIM, NULL, &err), DV_EINVAL);
	assert_int_equal(mp_init(&p, &a, NULL, &LIM, NULL, &err), DV_EINVAL);
	assert_int_equal(mp_init(&p, &a, "a\r\nb", &LIM, NULL, &err), DV_EINVAL);
	assert_int_equal(mp_init(&p, &a, "ab ", &LIM, NULL, &err), DV_EINVAL);
	assert_null(p);
	assert_int_equal(mp_init(&p, &a, "a b", &LIM, NULL, &err), 0);
	assert_non_null(p);
	/* a boundary with a space inside works end to end */
	assert_int_equal(mp_feed(p, LIT("--a b\r\n" CD "name=x\r\n\r\n\r\n--a b--"), &err), 0);
	assert_int_equal(mp_finish(p, &err), 0);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(simple_fields),
		cmocka_unit_test(find_gives_the_first_of_a_name),
		cmocka_unit_test(file_with_binary_data),
		cmocka_unit_test(filename_keeps_only_the_basename),
		cmocka_unit_test(quoted_and_token_names),
		cmocka_unit_test(part_content_type),
		cmocka_unit_test(every_split_gives_the_same_parts),
		cmocka_unit_test(every_pair_of_splits_gives_the_same_parts),
		cmocka_unit_test(errors_are_the_same_at_every_split),
		cmocka_unit_test(callback_code_stops_the_parse),
		cmocka_unit_test(errors_are_sticky),
		cmocka_unit_test(preamble_and_epilogue_are_ignored),
		cmocka_unit_test(only_the_closing_boundary_is_zero_parts),
		cmocka_unit_test(empty_body_is_refused),
		cmocka_unit_test(missing_closing_boundary),
		cmocka_unit_test(bare_lf_is_refused),
		cmocka_unit_test(malformed_boundary_lines),
		cmocka_unit_test(content_disposition_is_required),
		cmocka_unit_test(malformed_headers),
		cmocka_unit_test(limit_on_parts),
		cmocka_unit_test(limit_on_part_bytes),
		cmocka_unit_test(limit_on_header_bytes),
		cmocka_unit_test(long_headers_are_kept_whole),
		cmocka_unit_test(limit_on_names),
		cmocka_unit_test(boundary_from_content_type),
		cmocka_unit_test(init_refuses_invalid_boundaries),
	};
	return test_run(tests);
}
