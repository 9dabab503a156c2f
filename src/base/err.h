/*
 * Errors: every fallible function returns 0 on success or a negative DV_E*
 * code, and fills a struct dv_err with a human message.
 *
 * Domain errors (DV_EINVAL, DV_ENOTFOUND, DV_EPERM, DV_ECONFLICT) describe the
 * caller's input; their message is an English msgid the web layer translates,
 * and `field` names the form field at fault when there is one. System errors
 * (DV_EDB, DV_EIO, DV_ENOMEM, DV_EINTERNAL) are logged and shown as a 500.
 */
#ifndef DV_BASE_ERR_H
#define DV_BASE_ERR_H

#include <stdarg.h>

enum {
	DV_OK = 0,
	DV_EINVAL = -1,	   /* input fails validation: 400 */
	DV_ENOTFOUND = -2, /* no such record, or not visible to the actor: 404 */
	DV_EPERM = -3,	   /* the actor may not do this: 403 */
	DV_ECONFLICT = -4, /* duplicate or stale state: 409 */
	DV_ETOOBIG = -5,   /* input over a size limit: 413 */
	DV_EBUSY = -6,     /* too many attempts, try later: 429 */
	DV_EDB = -10,	   /* database failure: 500 */
	DV_EIO = -11,	   /* file or network failure: 500 */
	DV_ENOMEM = -12,   /* allocation failure: 500 */
	DV_EINTERNAL = -13 /* a bug: 500 */
};

#define DV_ERR_MSG_MAX 512

struct dv_err {
	int code;
	const char *field; /* static string naming the input field, or NULL */
	const char *lang;  /* language messages are written in; NULL for English */
	char msg[DV_ERR_MSG_MAX];
};

/* Set err (if non-NULL) and return code, so callers can write
 * `return dv_fail(err, DV_EINVAL, "name", "Name is required");`.
 * fmt is an English msgid: when err->lang is set it is translated (base/i18n.h)
 * before formatting, so the message reaches the user in their language. */
int dv_fail(struct dv_err *err, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int dv_vfail(struct dv_err *err, int code, const char *field, const char *fmt, va_list ap);

/* For system errors (DV_EDB, DV_EIO, ...) that go to the log, not to users:
 * like dv_fail, never translated, so the log reads the same everywhere. */
int dv_sysfail(struct dv_err *err, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Put a formatted prefix before err's message (the message is cut to fit). */
void dv_err_prefix(struct dv_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Clear err back to DV_OK with an empty message (the language stays). */
void dv_err_clear(struct dv_err *err);

/* True for the codes that describe the caller's input rather than a fault
 * (DV_EINVAL through DV_EBUSY). */
int dv_err_is_user(int code);

/* The HTTP status an error code maps to. */
int dv_err_http_status(int code);

/* A short stable name for the code ("invalid", "not_found", ...), for JSON. */
const char *dv_err_name(int code);

#endif
