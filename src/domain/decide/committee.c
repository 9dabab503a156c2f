#include "domain/decide/committee.h"

#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "domain/rules.h"

int committee_clean(struct dv_ctx *ctx, const char *in, const char *field, const char **out)
{
	const char *all;
	int rc = text_clean(ctx->arena, in, in ? strlen(in) : 0, 1000, TEXT_MULTILINE, field, &all,
			    &ctx->err);
	if (rc)
		return rc;
	struct buf b = BUF_INIT;
	int64_t n = 0, lo = rule_value(ctx, RULE_COUNTERS_MIN), hi = rule_value(ctx, RULE_COUNTERS_MAX);
	const char *lines[64];
	size_t nlines = text_lines(ctx->arena, all, lines, 64);
	for (size_t i = 0; i < nlines; i++) {
		const char *name;
		if ((rc = text_clean(ctx->arena, lines[i], strlen(lines[i]), COMMITTEE_NAME_MAX, 0,
				     field, &name, &ctx->err)))
			break;
		if (*name)
			buf_addf(&b, "%s%s", n++ ? "\n" : "", name);
	}
	if (!rc && (n < lo || n > hi))
		rc = dv_fail(&ctx->err, DV_EINVAL, field, "Give %lld to %lld names, one per line",
			     (long long)lo, (long long)hi);
	*out = rc ? "" : arena_strdup(ctx->arena, b.ptr);
	buf_release(&b);
	return rc;
}
