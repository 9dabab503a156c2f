/*
 * Query strings and application/x-www-form-urlencoded bodies: key=value pairs
 * separated by '&', '+' for space, %XX escapes. Both decode to UTF-8 text
 * that must be valid; limits keep a hostile request small.
 */
#ifndef DV_WEB_PARAMS_H
#define DV_WEB_PARAMS_H

#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"

#define PARAMS_MAX_PAIRS 200
#define PARAMS_MAX_KEY 64

/* params_parse() flags. */
enum {
	/* A query string: values are single-line (no control character, tab or
	 * line break), and the messages name the parameter at fault. */
	PARAMS_QUERY = 1 << 0
};

struct param {
	const char *key; /* decoded, NUL-terminated, in the arena */
	const char *value;
	size_t len;      /* of value, which holds no NUL (refused) */
};

struct params {
	struct param *v;
	size_t n;
};

/*
 * Decode text[0..len) into *out (arena memory). DV_EINVAL with a message for
 * a malformed escape, a NUL byte, invalid UTF-8 or an empty or overlong key
 * (and, with PARAMS_QUERY, any control character in a value); DV_ETOOBIG for
 * more than PARAMS_MAX_PAIRS pairs or a value over max_value bytes. The
 * error's field is the key at fault when it could be decoded (an arena
 * string). Pairs without '=' have an empty value; empty pairs are skipped.
 */
int params_parse(struct arena *a, const char *text, size_t len, size_t max_value, unsigned flags,
		 struct params *out, struct dv_err *err);

/* The first value for key, or NULL. */
const char *params_get(const struct params *p, const char *key);

/* Percent-decode s[0..len) ('+' as space when plus is set) into a new arena
 * string; PARAMS_EESCAPE on a malformed escape, PARAMS_ENUL on a NUL byte
 * (escaped or not). */
enum { PARAMS_EESCAPE = -1, PARAMS_ENUL = -2 };
int params_decode(struct arena *a, const char *s, size_t len, int plus, char **out,
		  size_t *out_len);

#endif
