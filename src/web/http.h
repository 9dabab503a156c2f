/*
 * One HTTP request as the web layer sees it: what came in (method, path,
 * query, body, the client), who is asking (session, actor, CSRF token), the
 * domain context it runs with (a database connection, the request's arena,
 * the actor, the language), and the response being built.
 *
 * server.c makes one per request and frees it when h2o is done with the
 * request; handlers only read the fields and call the helpers below.
 */
#ifndef DV_WEB_HTTP_H
#define DV_WEB_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/names.h"
#include "domain/ctx.h"
#include "domain/identity/session.h"
#include "web/params.h"

#define REQ_ID_MAX	999999999999999LL /* an id: 15 digits, as the route table's {id} */
#define REQ_MAX_PARAMS 4
#define REQ_MAX_HEADERS 16
#define FORM_MAX_VALUE (64 * 1024) /* bytes in one form field */
#define JSON_MAX_BODY (256 * 1024) /* bytes in a JSON request body */
#define FORM_BODY_MAX (1024 * 1024)   /* bytes of a request body, but for uploads */
#define UPLOAD_MAX (24 * 1024 * 1024) /* h2o's cap: a 20 MB file and its envelope */

/*
 * Limits on what comes before the body, checked in the request path before
 * any handler runs. h2o 2.2.5 itself refuses an HTTP/1 request with more
 * than 100 header fields or a head over about 400 KB (a plain 400), and
 * nothing on HTTP/2; danvan's own limits are far lower, as nginx's and
 * Apache's defaults (8 KB a field) are.
 */
#define QUERY_MAX	  4096	/* bytes of the query string, as sent (escaped) */
#define QUERY_OTHER_MAX	  256	/* characters of a parameter no handler reads */
#define REQ_HEADERS_MAX	  64	/* header fields in one request */
#define REQ_HEADERS_BYTES 32768 /* their names and values together */
#define REQ_HEADER_MAX	  8192	/* one field's value, Cookie included; some have less */
#define REQ_COOKIES_MAX	  50	/* cookies in the Cookie field(s) */

struct conn;
struct route;
struct mp_part;

struct req {
	void *h2o;         /* h2o_req_t *, for server.c only */
	struct conn *conn; /* the connection it came on, for server.c only */
	struct dv_ctx ctx; /* db, arena, actor, lang, now, err */
	struct arena arena;
	const struct route *route;

	/* what came in */
	const char *method;             /* "GET", "POST", ... */
	const char *path;               /* decoded and normalized, without the query */
	const char *query;              /* raw text after '?', "" if none */
	const char *body;               /* the request body (not NUL-terminated) */
	size_t body_len;
	const char *ip;                 /* the client's address */
	const char *public_url;         /* the site's address for links on paper, no '/' at the end */
	int secure;                     /* came over TLS: cookies get Secure */
	int64_t params[REQ_MAX_PARAMS]; /* numeric {id} captures of the route */
	int nparams;
	const char *sparam;             /* the {token} capture of the route, or NULL */

	/* who is asking */
	struct actor actor;         /* ctx.actor points here once loaded */
	struct session session;     /* valid when has_session */
	int has_session;            /* logged in with the session cookie */
	int bearer;                 /* authenticated by an Authorization header */
	const char *session_token;  /* the cookie or bearer token, for logout */
	const char *csrf;           /* the token this client's forms carry */

	/* parsed lazily */
	int form_parsed;
	int form_rc; /* what parsing the form answered, kept for every later call */
	const char *form_field, *form_msg; /* its error, when it failed */
	struct params form;
	struct params qparams;
	int qparsed;
	struct mp_part *parts; /* a multipart/form-data body, once parsed */
	size_t nparts;
	int parts_parsed;

	/* the response */
	int status;
	const char *content_type;
	struct buf out;
	size_t nheaders;
	struct {
		const char *name, *value;
	} headers[REQ_MAX_HEADERS];

	/* for the server only */
	struct req_field { const char *name, *value; size_t name_len, value_len; } *fields;
	size_t nfields;     /* the header fields copied by req_detach (else h2o's) */
	int in_worker;      /* running in the worker pool */
	int orphaned;       /* h2o let go of it meanwhile */
	int64_t started_us; /* for the access log */
	/* the commune whose records alone a cacheable page shows (0: it may
	 * show anything); page_cache_scope */
	int64_t cache_commune;
};

/* Copy what the request reads of h2o's memory (its header fields and its
 * body) into its arena, before it goes to another thread: the client may
 * leave meanwhile, and h2o then frees its own copy. */
void req_detach(struct req *r);

/* The value of a request header (case-insensitive name), or NULL. Arena string. */
const char *req_header(struct req *r, const char *name);

/* Add a response header (name and value are copied into the arena). */
void res_header(struct req *r, const char *name, const char *value);

/* Reply 303 See Other to a local path. */
void res_redirect(struct req *r, const char *path);

/* Set a cookie: HttpOnly, SameSite=Lax, Path=/, Secure on TLS; max_age 0 for
 * a session cookie, -1 to delete it. */
void res_cookie(struct req *r, const char *name, const char *value, long max_age);

/* Every Cookie field of the request joined with "; " (HTTP/2 clients may
 * send one field per cookie, and h2o does not join them), or NULL when
 * there is none. Arena string, bounded by the header limits. */
const char *req_cookies(struct req *r);

/* The value of cookie `name` in a Cookie header, as an arena string, or NULL. */
const char *cookie_get(struct arena *a, const char *header, const char *name);

/*
 * Parse and check the query string, once per request, before the route is
 * looked up (request.c): DV_EINVAL with a message naming the parameter when
 * it is malformed, not UTF-8, holds a control character or is longer than
 * its cap (200 characters for a search, a few for ids, enumerations and
 * days, QUERY_OTHER_MAX for a parameter no handler reads), when one a
 * handler reads is given twice, when the whole query is over QUERY_MAX
 * bytes, or when `lang` is neither vi nor en.
 * Values are normalized to NFC. Calling it again redoes the work (to have
 * the message in the language chosen meanwhile).
 */
int req_query_parse(struct req *r);

/* A query-string parameter, or NULL. A request reaches its handler only
 * with a query req_query_parse() accepted. */
const char *req_query(struct req *r, const char *key);

/* A whole-number query parameter within [min, max]. *out is left as it was
 * (the default) when absent or empty, unless `required`; DV_EINVAL naming the
 * parameter when it is missing but required, not a plain decimal number,
 * or out of range. */
int req_query_int(struct req *r, const char *key, int64_t min, int64_t max, int required,
		  int64_t *out);

/* A date query parameter (2026-11-27 or 27/11/2026): *out is 0 when absent
 * or empty; DV_EINVAL naming the parameter when it is not a real day. */
int req_query_date(struct req *r, const char *key, int32_t *out);

/* A query parameter naming one of the n values of an enum's table
 * (base/names.h): *out is its index, left as it was when absent or empty;
 * DV_EINVAL naming the parameter and the values it takes otherwise. */
int req_query_enum(struct req *r, const char *key, const struct name_label *names, int n, int *out);

/*
 * The request's header fields against danvan's limits (REQ_HEADERS_MAX
 * fields, REQ_HEADERS_BYTES in all, REQ_HEADER_MAX a field or less for some,
 * REQ_COOKIES_MAX cookies), in one pass over them: 0, or DV_ETOOBIG with a
 * message and the field's name in err->field (NULL for the count or total).
 */
int req_headers_check(struct req *r);

/* Is the body's Content-Type `type` (compared without case, parameters
 * such as "; charset=utf-8" allowed)? */
int req_content_type_is(struct req *r, const char *type);

/* A field of a urlencoded form body, or NULL. req_form_parse() first reports
 * a malformed body (DV_EINVAL/DV_ETOOBIG in r->ctx.err); later calls are free. */
int req_form_parse(struct req *r);
const char *req_form(struct req *r, const char *key);

/* A form field holding a record's id (a household, a category picked in
 * the form): *out is 0 when absent or empty (the domain says what is
 * missing); DV_EINVAL naming the field when it is not a positive whole
 * number. req_form_parse() first. */
int req_form_id(struct req *r, const char *key, int64_t *out);

/* A multipart/form-data body's parts (an upload), parsed once: DV_EINVAL or
 * DV_ETOOBIG with a message for a malformed or oversized body. */
int req_multipart(struct req *r, struct mp_part **parts, size_t *n);

/* The request body as JSON (an object); DV_EINVAL with a message if it is
 * not, DV_ETOOBIG over JSON_MAX_BODY. The caller owns the reference. */
int req_json(struct req *r, json_t **out);

/* The parser under req_json, for tests and fuzzing: body[0..len) as a JSON
 * object, with jansson refusing duplicate keys, NUL escapes and bad UTF-8. */
int json_body_parse(const char *body, size_t len, json_t **out, struct dv_err *err);

/* Is `path` a safe place to send someone back to (a local absolute path)? */
int safe_local_path(const char *path);

/* Translate msgid into the request's language. */
const char *T(const struct req *r, const char *msgid);

#endif
