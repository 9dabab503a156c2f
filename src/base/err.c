#include "base/err.h"

#include "base/i18n.h"

#include <stdio.h>
#include <string.h>

int dv_vfail(struct dv_err *err, int code, const char *field, const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	err->field = field;
	if (err->lang)
		fmt = i18n_get_format(err->lang, fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
#pragma GCC diagnostic pop
	return code;
}

int dv_fail(struct dv_err *err, int code, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dv_vfail(err, code, field, fmt, ap);
	va_end(ap);
	return code;
}

int dv_sysfail(struct dv_err *err, int code, const char *field, const char *fmt, ...)
{
	if (!err)
		return code;
	const char *lang = err->lang;
	va_list ap;
	va_start(ap, fmt);
	err->lang = NULL;
	dv_vfail(err, code, field, fmt, ap);
	err->lang = lang;
	va_end(ap);
	return code;
}

void dv_err_prefix(struct dv_err *err, const char *fmt, ...)
{
	if (!err)
		return;
	char pre[DV_ERR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(pre, sizeof(pre), fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	size_t plen = strlen(pre);
	size_t mlen = strlen(err->msg);
	if (plen + mlen >= sizeof(err->msg))
		mlen = sizeof(err->msg) - 1 - plen;
	memmove(err->msg + plen, err->msg, mlen);
	memcpy(err->msg, pre, plen);
	err->msg[plen + mlen] = '\0';
}

void dv_err_clear(struct dv_err *err)
{
	err->code = DV_OK;
	err->field = NULL;
	err->msg[0] = '\0';
}

int dv_err_is_user(int code)
{
	return code <= DV_EINVAL && code >= DV_EBUSY;
}

int dv_err_http_status(int code)
{
	switch (code) {
	case DV_OK: return 200;
	case DV_EINVAL: return 400;
	case DV_ENOTFOUND: return 404;
	case DV_EPERM: return 403;
	case DV_ECONFLICT: return 409;
	case DV_ETOOBIG: return 413;
	case DV_EBUSY: return 429;
	default: return 500;
	}
}

const char *dv_err_name(int code)
{
	switch (code) {
	case DV_OK: return "ok";
	case DV_EINVAL: return "invalid";
	case DV_ENOTFOUND: return "not_found";
	case DV_EPERM: return "forbidden";
	case DV_ECONFLICT: return "conflict";
	case DV_ETOOBIG: return "too_large";
	case DV_EBUSY: return "too_many_requests";
	case DV_EDB: return "database";
	case DV_EIO: return "io";
	case DV_ENOMEM: return "no_memory";
	default: return "internal";
	}
}
