/*
 * multipart/form-data request bodies (RFC 7578 over RFC 2046), for uploads:
 * CSV imports, notice attachments.
 *
 * The parser is streaming: feed it the body in chunks of any size, split at
 * any byte, and it calls back with each part's headers, its data in pieces,
 * and its end. A part's data is never held whole by the parser; at most one
 * delimiter's worth of bytes (under 80) is held back until it is known
 * whether they are data or the next boundary.
 *
 * It is strict: lines end with CRLF (a body written with bare LF is refused
 * as such), every part needs `Content-Disposition: form-data; name=...`,
 * header lines need a ':' and hold no control characters (NUL included),
 * and the body must end with the closing boundary. The preamble before the
 * first boundary and the epilogue after the closing one are ignored, as
 * RFC 2046 says. Transport padding (spaces, tabs) after a boundary is
 * allowed. Bytes that merely look like a delimiter ("--boundaryX", a CRLF and
 * part of the boundary) are data.
 *
 * Quoted parameter values take backslash escapes for '"' and '\' only; a
 * backslash before any other character is kept, since Internet Explorer sends
 * Windows paths unescaped (filename="C:\docs\a.csv").
 *
 * Errors: DV_EINVAL for a malformed body, DV_ETOOBIG for a body over one of
 * the limits, with an English msgid in err (err->field is NULL). Memory comes
 * from the arena given to mp_init or multipart_parse and lives until it is
 * released.
 */
#ifndef DV_WEB_MULTIPART_H
#define DV_WEB_MULTIPART_H

#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"

/* RFC 2046: a boundary is 1 to 70 characters. */
#define MP_BOUNDARY_MAX 70

/* Limits; each is inclusive (a part of exactly max_part_bytes is accepted). */
struct mp_limits {
	size_t max_parts;	 /* parts in the body, e.g. 32 */
	size_t max_part_bytes;	 /* one part's data */
	size_t max_header_bytes; /* one part's header lines with their CRLFs, without the
				    blank line that ends them */
	size_t max_name;	 /* field name and filename (after unescaping, basename
				    only) in bytes */
};

/*
 * One part. Strings are NUL-terminated arena strings; name and filename are
 * valid UTF-8 with no control character but tab, yet the sender's words:
 * clean them (text_clean) before showing or storing them, and never use a
 * filename as a path.
 */
struct mp_part {
	const char *name;	  /* form field name from Content-Disposition, never empty */
	const char *filename;	  /* NULL for a plain field; the basename only (no path), as
				     sent; "" when a browser sends a file input with no file */
	const char *content_type; /* as sent (trimmed), or NULL */
	const char *data;	  /* the body, NUL-terminated for convenience (it may hold
				     NUL bytes itself: use len) */
	size_t len;
};

/* ---------------------------------------------------------- streaming */

struct mp_parser; /* opaque, allocated in the arena given to mp_init */

/*
 * Callbacks, each optional (NULL). part_begin gets the part's headers (data
 * NULL, len 0); its strings stay valid until the arena is released, so it may
 * keep them. part_data gets the part's data in pieces of any size (never
 * empty); part_end follows the last piece. A callback returning non-zero
 * stops the parse: mp_feed returns that code and leaves err as it is, so a
 * callback that fails should fill its own error (it may reach err through u).
 */
struct mp_callbacks {
	int (*part_begin)(void *u, const struct mp_part *headers_only);
	int (*part_data)(void *u, const char *chunk, size_t len);
	int (*part_end)(void *u);
	void *u;
};

/*
 * Copy the boundary of a Content-Type header value such as
 * `multipart/form-data; boundary=----WebKitFormBoundaryx7` (the media type
 * and the parameter name in any case, the value a token or a quoted string)
 * into out[0..cap), NUL-terminated; cap MP_BOUNDARY_MAX + 1 always suffices.
 * DV_EINVAL if content_type is NULL or not multipart/form-data, or if the
 * boundary is missing, given twice, longer than cap - 1, or not 1 to 70
 * characters of RFC 2046's set (letters, digits, '()+_,-./:=? and space,
 * not ending in a space; unquoted, only those that are token characters).
 */
int mp_boundary(const char *content_type, char *out, size_t cap, struct dv_err *err);

/*
 * Make a parser for a body delimited by `boundary` (as mp_boundary gives
 * it) in the arena a. lim is copied; cb (which may be NULL) is copied too.
 * DV_EINVAL if the boundary is invalid.
 */
int mp_init(struct mp_parser **p, struct arena *a, const char *boundary,
	    const struct mp_limits *lim, const struct mp_callbacks *cb, struct dv_err *err);

/*
 * Feed the next len bytes of the body (len may be 0). Returns 0, DV_EINVAL
 * for a malformed body, DV_ETOOBIG over a limit, or a callback's code. After
 * an error the parser is stopped: later mp_feed and mp_finish calls return
 * the same code (and copy the first message into err). Bytes after the
 * closing boundary are ignored.
 */
int mp_feed(struct mp_parser *p, const char *chunk, size_t len, struct dv_err *err);

/* The body has ended: 0 if the closing boundary was seen, else DV_EINVAL (or
 * the code of an earlier error). */
int mp_finish(struct mp_parser *p, struct dv_err *err);

/* ------------------------------------------------------------- whole bodies */

/*
 * Parse a whole body sent with the Content-Type header value content_type
 * into an arena array of *nparts parts (*parts is NULL when there are none:
 * a body holding only the closing boundary is valid). Errors as mp_boundary,
 * mp_feed and mp_finish; *parts and *nparts are untouched on error.
 */
int multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len,
		    const struct mp_limits *lim, struct mp_part **parts, size_t *nparts,
		    struct dv_err *err);

/* The first part named `name`, or NULL. */
const struct mp_part *multipart_find(const struct mp_part *parts, size_t n, const char *name);

#endif
