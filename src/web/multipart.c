#include "web/multipart.h"

#include <string.h>
#include <strings.h>

#include "base/text.h"

/*
 * How it works. The delimiter is CRLF "--" boundary; the body's very start
 * counts as a CRLF already seen, so the first boundary needs none. While
 * scanning (preamble or a part's data) the parser matches the delimiter one
 * byte at a time. Since '\r' occurs in it only as its first byte, a failed
 * match never hides the start of another: the bytes matched so far are
 * exactly the delimiter's first `match` bytes, so they need no buffer of
 * their own, and when they turn out to be data they are passed on from
 * p->delim. After a whole delimiter, "--" closes the body, padding or CRLF
 * starts a part, and anything else makes it data after all.
 */

enum state {
	S_SCAN,	    /* preamble or a part's data: looking for the delimiter */
	S_AFTER,    /* a whole delimiter matched; the next byte says what it was */
	S_DASH,	    /* ... followed by one '-' */
	S_PAD,	    /* transport padding after a delimiter */
	S_LF,	    /* the CR ending a delimiter line */
	S_HSTART,   /* at the start of a header line */
	S_HLINE,    /* inside a header line */
	S_HCR,	    /* the CR ending a header line */
	S_HEND,	    /* the CR of the blank line that ends the headers */
	S_EPILOGUE, /* after the closing delimiter: ignored */
};

struct mp_parser {
	struct arena *a;
	struct mp_limits lim;
	struct mp_callbacks cb;
	char delim[4 + MP_BOUNDARY_MAX + 1]; /* "\r\n--" boundary */
	size_t dlen;
	enum state state;
	size_t match;	 /* delimiter bytes matched so far */
	int in_part;	 /* a part's data is open: false matches are its data */
	size_t nparts;	 /* parts begun */
	size_t part_len; /* data bytes of the open part */
	struct mp_part part;
	char *hbuf; /* the open part's header lines, CRLFs included */
	size_t hlen, hcap;
	int failed; /* the code that stopped the parser, or 0 */
	char failmsg[DV_ERR_MSG_MAX];
};

/* ------------------------------------------------------------ messages */

static int fail_not_form(struct dv_err *err)
{
	return dv_fail(err, DV_EINVAL, NULL, "This upload was not sent as multipart/form-data");
}

static int fail_boundary(struct dv_err *err)
{
	return dv_fail(err, DV_EINVAL, NULL,
		       "The upload's multipart boundary is missing or invalid");
}

static int fail_bare_lf(struct dv_err *err)
{
	return dv_fail(err, DV_EINVAL, NULL,
		       "The upload uses bare LF line endings; multipart bodies need CRLF");
}

static int fail_boundary_line(struct dv_err *err)
{
	return dv_fail(err, DV_EINVAL, NULL, "The upload holds a malformed boundary line");
}

static int fail_control(struct dv_err *err)
{
	return dv_fail(err, DV_EINVAL, NULL,
		       "A part header of the upload holds a control character or NUL byte");
}

static int fail_header(struct dv_err *err)
{
	return dv_fail(err, DV_EINVAL, NULL, "A part header of the upload is malformed");
}

static int fail_disposition(struct dv_err *err)
{
	return dv_fail(err, DV_EINVAL, NULL,
		       "A part of the upload has no Content-Disposition: form-data header "
		       "with a name");
}

/* ---------------------------------------------------------- characters */

static int is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* RFC 9110 tchar: what a token (header name, parameter name) is made of. */
static int is_tchar(int c)
{
	return is_alnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* RFC 2046 bchars. */
static int is_bchar(int c)
{
	return is_alnum(c) || (c && strchr("'()+_,-./:=? ", c));
}

static int is_ows(int c)
{
	return c == ' ' || c == '\t';
}

static int boundary_valid(const char *b, size_t n)
{
	if (n < 1 || n > MP_BOUNDARY_MAX || b[n - 1] == ' ')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_bchar((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Is the header or parameter name s[0..n) equal to `want`, ignoring case? */
static int name_is(const char *s, size_t n, const char *want)
{
	return n == strlen(want) && strncasecmp(s, want, n) == 0;
}

/* ---------------------------------------------------------- parameters */

/* One `; name=value` of a header value. val is raw: for a quoted string,
 * what is between the quotes with its escapes. */
struct mp_param {
	const char *name, *val;
	size_t nlen, vlen;
	int quoted;
};

/* A backslash escapes only '"' and '\' (see multipart.h). */
static int is_escape(const char *p, const char *end)
{
	return p[0] == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\');
}

/* Read the next parameter from *s (before end): 1 with *pr filled, 0 at the
 * end of the value, -1 if it is malformed. */
static int next_param(const char **s, const char *end, struct mp_param *pr)
{
	const char *p = *s;
	while (p < end && is_ows(*p))
		p++;
	if (p == end)
		return 0;
	if (*p != ';')
		return -1;
	p++;
	while (p < end && is_ows(*p))
		p++;
	if (p == end)
		return 0; /* a trailing ';' */
	pr->name = p;
	while (p < end && is_tchar((unsigned char)*p))
		p++;
	pr->nlen = (size_t)(p - pr->name);
	if (!pr->nlen || p == end || *p != '=')
		return -1;
	p++;
	pr->quoted = p < end && *p == '"';
	if (pr->quoted) {
		pr->val = ++p;
		while (p < end && *p != '"')
			p += is_escape(p, end) ? 2 : 1;
		if (p == end)
			return -1;
		pr->vlen = (size_t)(p - pr->val);
		p++;
	} else {
		pr->val = p;
		while (p < end && is_tchar((unsigned char)*p))
			p++;
		pr->vlen = (size_t)(p - pr->val);
		if (!pr->vlen)
			return -1;
	}
	*s = p;
	return 1;
}

/* The value of pr with its escapes undone, as an arena string. */
static char *param_value(struct arena *a, const struct mp_param *pr)
{
	char *d = arena_alloc(a, pr->vlen + 1);
	const char *p = pr->val, *end = pr->val + pr->vlen;
	size_t k = 0;
	while (p < end) {
		if (pr->quoted && is_escape(p, end))
			p++;
		d[k++] = *p++;
	}
	d[k] = '\0';
	return d;
}

int mp_boundary(const char *content_type, char *out, size_t cap, struct dv_err *err)
{
	static const char type[] = "multipart/form-data";
	if (!content_type)
		return fail_not_form(err);
	const char *p = content_type, *end = content_type + strlen(content_type);
	while (is_ows(*p))
		p++;
	if (strncasecmp(p, type, sizeof(type) - 1) != 0)
		return fail_not_form(err);
	p += sizeof(type) - 1;
	if (p < end && !is_ows(*p) && *p != ';')
		return fail_not_form(err);

	struct mp_param pr, b = {0};
	int r;
	while ((r = next_param(&p, end, &pr)) > 0) {
		if (!name_is(pr.name, pr.nlen, "boundary"))
			continue;
		if (b.val)
			return fail_boundary(err);
		b = pr;
	}
	/* '"' and '\' are not bchars, so the raw value needs no unescaping */
	if (r < 0 || !b.val || b.vlen >= cap || !boundary_valid(b.val, b.vlen))
		return fail_boundary(err);
	memcpy(out, b.val, b.vlen);
	out[b.vlen] = '\0';
	return 0;
}

/* ------------------------------------------------------------- headers */

/* Content-Disposition: form-data; name="..."; filename="..." */
static int parse_disposition(struct mp_parser *p, const char *v, const char *end,
			     struct dv_err *err)
{
	const char *t = v;
	while (v < end && is_tchar((unsigned char)*v))
		v++;
	if (!name_is(t, (size_t)(v - t), "form-data"))
		return fail_disposition(err);

	const char *name = NULL, *filename = NULL;
	struct mp_param pr;
	int r;
	while ((r = next_param(&v, end, &pr)) > 0) {
		const char **slot;
		if (name_is(pr.name, pr.nlen, "name"))
			slot = &name;
		else if (name_is(pr.name, pr.nlen, "filename"))
			slot = &filename;
		else
			continue; /* filename* and others: RFC 7578 says not to send them */
		if (*slot)
			return fail_header(err);
		*slot = param_value(p->a, &pr);
	}
	if (r < 0)
		return fail_header(err);
	if (!name || !*name)
		return fail_disposition(err);
	if (filename) {
		/* browsers on Windows may send the whole path */
		const char *slash = strrchr(filename, '/'), *bslash = strrchr(filename, '\\');
		if (slash && (!bslash || slash > bslash))
			filename = slash + 1;
		else if (bslash)
			filename = bslash + 1;
	}
	size_t nlen = strlen(name), flen = filename ? strlen(filename) : 0;
	if (nlen > p->lim.max_name || flen > p->lim.max_name)
		return dv_fail(err, DV_ETOOBIG, NULL,
			       "A field name or file name in the upload is longer than %zu bytes",
			       p->lim.max_name);
	if (!utf8_valid(name, nlen) || !utf8_valid(filename, flen))
		return dv_fail(err, DV_EINVAL, NULL,
			       "A field name or file name in the upload is not valid UTF-8");
	p->part.name = name;
	p->part.filename = filename;
	return 0;
}

/* Parse the header lines in p->hbuf into p->part. Each line ends with CRLF,
 * and holds no other CR (the byte states saw to that). */
static int parse_headers(struct mp_parser *p, struct dv_err *err)
{
	int have_disposition = 0;
	memset(&p->part, 0, sizeof(p->part));
	if (!p->hlen)
		return fail_disposition(err); /* and hbuf may still be NULL */
	const char *s = p->hbuf, *end = p->hbuf + p->hlen;
	while (s < end) {
		const char *eol = memchr(s, '\r', (size_t)(end - s));
		const char *colon = memchr(s, ':', (size_t)(eol - s));
		if (!colon)
			return dv_fail(err, DV_EINVAL, NULL,
				       "A part header line of the upload has no ':'");
		for (const char *q = s; q < colon; q++)
			if (!is_tchar((unsigned char)*q))
				return fail_header(err);
		if (colon == s)
			return fail_header(err);
		const char *v = colon + 1, *vend = eol;
		while (v < vend && is_ows(*v))
			v++;
		while (vend > v && is_ows(vend[-1]))
			vend--;
		size_t nlen = (size_t)(colon - s);
		if (name_is(s, nlen, "Content-Disposition")) {
			if (have_disposition)
				return fail_header(err);
			have_disposition = 1;
			int rc = parse_disposition(p, v, vend, err);
			if (rc)
				return rc;
		} else if (name_is(s, nlen, "Content-Type")) {
			if (p->part.content_type)
				return fail_header(err);
			p->part.content_type = arena_strndup(p->a, v, (size_t)(vend - v));
		}
		s = eol + 2;
	}
	if (!have_disposition)
		return fail_disposition(err);
	return 0;
}

static int header_store(struct mp_parser *p, int c, struct dv_err *err)
{
	if (p->hlen >= p->lim.max_header_bytes)
		return dv_fail(err, DV_ETOOBIG, NULL,
			       "The headers of a part of the upload are longer than %zu bytes",
			       p->lim.max_header_bytes);
	if (p->hlen == p->hcap) {
		size_t cap = p->hcap ? p->hcap * 2 : 256;
		if (cap > p->lim.max_header_bytes)
			cap = p->lim.max_header_bytes;
		char *h = arena_alloc(p->a, cap);
		if (p->hlen)
			memcpy(h, p->hbuf, p->hlen);
		p->hbuf = h;
		p->hcap = cap;
	}
	p->hbuf[p->hlen++] = (char)c;
	return 0;
}

/* A byte of a header line other than its ending CR. */
static int header_byte(struct mp_parser *p, int c, struct dv_err *err)
{
	if (c == '\n')
		return fail_bare_lf(err);
	if ((c < 0x20 && c != '\t') || c == 0x7f)
		return fail_control(err);
	return header_store(p, c, err);
}

/* ---------------------------------------------------------------- parts */

/* Pass n bytes of data on to the open part; in the preamble they vanish. */
static int emit(struct mp_parser *p, const char *s, size_t n, struct dv_err *err)
{
	if (!p->in_part || !n)
		return 0;
	if (n > p->lim.max_part_bytes - p->part_len)
		return dv_fail(err, DV_ETOOBIG, NULL,
			       "A part of the upload is larger than %zu bytes",
			       p->lim.max_part_bytes);
	p->part_len += n;
	return p->cb.part_data ? p->cb.part_data(p->cb.u, s, n) : 0;
}

static int end_part(struct mp_parser *p)
{
	if (!p->in_part)
		return 0;
	p->in_part = 0;
	return p->cb.part_end ? p->cb.part_end(p->cb.u) : 0;
}

/* A delimiter line ended: the open part (if any) ends and headers follow. */
static int next_part(struct mp_parser *p, struct dv_err *err)
{
	int rc = end_part(p);
	if (rc)
		return rc;
	if (p->nparts >= p->lim.max_parts)
		return dv_fail(err, DV_ETOOBIG, NULL, "The upload has more than %zu parts",
			       p->lim.max_parts);
	p->nparts++;
	p->hlen = 0;
	p->state = S_HSTART;
	return 0;
}

/* The blank line after the headers: the part's data follows. */
static int begin_part(struct mp_parser *p, struct dv_err *err)
{
	int rc = parse_headers(p, err);
	if (rc)
		return rc;
	p->in_part = 1;
	p->part_len = 0;
	p->match = 0;
	p->state = S_SCAN;
	return p->cb.part_begin ? p->cb.part_begin(p->cb.u, &p->part) : 0;
}

/* What looked like a delimiter (plus a '-' if dash) was data. */
static int not_delimiter(struct mp_parser *p, int dash, struct dv_err *err)
{
	int rc = emit(p, p->delim, p->dlen, err);
	if (!rc && dash)
		rc = emit(p, "-", 1, err);
	p->match = 0;
	p->state = S_SCAN;
	return rc;
}

/* ------------------------------------------------------------- scanning */

/*
 * Scan s[*pos..len) for the delimiter, passing data on; stop after a whole
 * delimiter (state S_AFTER) or at the end of the chunk, where a partial
 * match is held back (it is p->delim[0..match)).
 */
static int scan(struct mp_parser *p, const char *s, size_t len, size_t *pos, struct dv_err *err)
{
	size_t i = *pos;
	const size_t run = i;	   /* this chunk's data not yet passed on starts here */
	size_t carried = p->match; /* matched bytes from earlier chunks, not in s */
	while (i < len) {
		if (p->match == 0) {
			const char *cr = memchr(s + i, '\r', len - i);
			if (!cr)
				break;
			i = (size_t)(cr - s);
		}
		if (s[i] != p->delim[p->match]) {
			/* Here match > 0 (with none, s[i] is a CR, which
			 * matches). The matched bytes were data after all:
			 * those from earlier chunks go first, the others are
			 * in s[run..i) already; s[i] may begin a delimiter. */
			int rc = emit(p, p->delim, carried, err);
			if (rc)
				return rc;
			carried = 0;
			p->match = 0;
			continue;
		}
		i++;
		if (++p->match < p->dlen)
			continue;
		/* the data ends where the delimiter began */
		*pos = i;
		p->state = S_AFTER;
		return emit(p, s + run, i - (p->dlen - carried) - run, err);
	}
	*pos = len;
	return emit(p, s + run, len - (p->match - carried) - run, err);
}

/* One byte in a state other than S_SCAN and S_EPILOGUE. Sets *again when
 * the byte must be looked at again in the new state. */
static int step(struct mp_parser *p, int c, int *again, struct dv_err *err)
{
	switch (p->state) {
	case S_AFTER:
		if (c == '-') {
			p->state = S_DASH;
			return 0;
		}
		if (is_ows(c)) {
			p->state = S_PAD;
			return 0;
		}
		if (c == '\r') {
			p->state = S_LF;
			return 0;
		}
		if (c == '\n')
			return fail_bare_lf(err);
		*again = 1;
		return not_delimiter(p, 0, err);
	case S_DASH:
		if (c == '-') {
			p->state = S_EPILOGUE;
			return end_part(p);
		}
		*again = 1;
		return not_delimiter(p, 1, err);
	case S_PAD:
		if (is_ows(c))
			return 0;
		if (c == '\r') {
			p->state = S_LF;
			return 0;
		}
		return c == '\n' ? fail_bare_lf(err) : fail_boundary_line(err);
	case S_LF:
		if (c != '\n')
			return fail_boundary_line(err);
		return next_part(p, err);
	case S_HSTART:
		if (c == '\r') {
			p->state = S_HEND;
			return 0;
		}
		p->state = S_HLINE;
		return header_byte(p, c, err);
	case S_HLINE:
		if (c == '\r') {
			p->state = S_HCR;
			return header_store(p, c, err);
		}
		return header_byte(p, c, err);
	case S_HCR:
		if (c != '\n')
			return fail_control(err); /* a bare CR */
		p->state = S_HSTART;
		return header_store(p, c, err);
	case S_HEND:
		if (c != '\n')
			return fail_control(err);
		return begin_part(p, err);
	case S_SCAN:
	case S_EPILOGUE: break;
	}
	return 0;
}

/* ------------------------------------------------------------ the parser */

/* Stop the parser with code rc, keeping the message for later calls. */
static int stop(struct mp_parser *p, int rc, struct dv_err *err)
{
	p->failed = rc;
	if (err)
		memcpy(p->failmsg, err->msg, sizeof(p->failmsg));
	return rc;
}

static int stopped(struct mp_parser *p, struct dv_err *err)
{
	if (err) {
		err->code = p->failed;
		err->field = NULL;
		memcpy(err->msg, p->failmsg, sizeof(err->msg));
	}
	return p->failed;
}

int mp_init(struct mp_parser **out, struct arena *a, const char *boundary,
	    const struct mp_limits *lim, const struct mp_callbacks *cb, struct dv_err *err)
{
	size_t blen = boundary ? strlen(boundary) : 0;
	if (!boundary_valid(boundary, blen))
		return fail_boundary(err);
	struct mp_parser *p = arena_new(a, struct mp_parser);
	p->a = a;
	p->lim = *lim;
	if (cb)
		p->cb = *cb;
	memcpy(p->delim, "\r\n--", 4);
	memcpy(p->delim + 4, boundary, blen);
	p->dlen = 4 + blen;
	p->state = S_SCAN;
	p->match = 2; /* the start of the body counts as a CRLF */
	*out = p;
	return 0;
}

int mp_feed(struct mp_parser *p, const char *chunk, size_t len, struct dv_err *err)
{
	if (p->failed)
		return stopped(p, err);
	size_t i = 0;
	while (i < len && p->state != S_EPILOGUE) {
		int rc, again = 0;
		if (p->state == S_SCAN) {
			rc = scan(p, chunk, len, &i, err);
		} else {
			rc = step(p, (unsigned char)chunk[i], &again, err);
			if (!again)
				i++;
		}
		if (rc)
			return stop(p, rc, err);
	}
	return 0;
}

int mp_finish(struct mp_parser *p, struct dv_err *err)
{
	if (p->failed)
		return stopped(p, err);
	if (p->state != S_EPILOGUE)
		return stop(p,
			    dv_fail(err, DV_EINVAL, NULL,
				    "The upload ended before its closing boundary"),
			    err);
	return 0;
}

/* --------------------------------------------------------- whole bodies */

/*
 * multipart_parse runs the parser twice over the body: the first pass
 * collects the parts' headers and lengths, the second copies each part's
 * data into a buffer of exactly its size. (Growing a buffer in an arena
 * would leave every smaller copy behind.)
 */
struct collect {
	struct arena *a;
	struct mp_part *v;
	size_t n, cap;
	int fill;    /* second pass */
	size_t next; /* second pass: the part to fill next */
	char *dst;   /* second pass: where the next data goes */
};

static int collect_begin(void *u, const struct mp_part *h)
{
	struct collect *c = u;
	if (!c->fill) {
		*ARENA_PUSH(c->a, c->v, c->n, c->cap) = *h;
		return 0;
	}
	struct mp_part *part = &c->v[c->next++];
	char *d = arena_alloc(c->a, part->len + 1);
	d[part->len] = '\0';
	part->data = d;
	c->dst = d;
	return 0;
}

static int collect_data(void *u, const char *s, size_t n)
{
	struct collect *c = u;
	if (!c->fill) {
		c->v[c->n - 1].len += n;
	} else {
		memcpy(c->dst, s, n);
		c->dst += n;
	}
	return 0;
}

static int collect_pass(struct collect *c, const char *boundary, const char *body, size_t len,
			const struct mp_limits *lim, struct dv_err *err)
{
	struct mp_callbacks cb = {collect_begin, collect_data, NULL, c};
	struct mp_parser *p;
	int rc = mp_init(&p, c->a, boundary, lim, &cb, err);
	if (!rc)
		rc = mp_feed(p, body, len, err);
	if (!rc)
		rc = mp_finish(p, err);
	return rc;
}

int multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len,
		    const struct mp_limits *lim, struct mp_part **parts, size_t *nparts,
		    struct dv_err *err)
{
	char boundary[MP_BOUNDARY_MAX + 1];
	int rc = mp_boundary(content_type, boundary, sizeof(boundary), err);
	if (rc)
		return rc;
	struct collect c = {.a = a};
	rc = collect_pass(&c, boundary, body, len, lim, err);
	if (rc)
		return rc;
	c.fill = 1;
	rc = collect_pass(&c, boundary, body, len, lim, err);
	if (rc)
		return rc;
	*parts = c.v;
	*nparts = c.n;
	return 0;
}

const struct mp_part *multipart_find(const struct mp_part *parts, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(parts[i].name, name) == 0)
			return &parts[i];
	return NULL;
}
