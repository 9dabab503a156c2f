#include "base/names.h"

#include <string.h>

#include "base/buf.h"

int names_find(const struct name_label *v, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (v[i].name && strcmp(name, v[i].name) == 0)
			return i;
	return -1;
}

const char *names_name(const struct name_label *v, int n, int i)
{
	return v[i >= 0 && i < n ? i : 0].name;
}

const char *names_label(const struct name_label *v, int n, int i)
{
	return v[i >= 0 && i < n ? i : 0].label;
}

int names_parse(const struct name_label *v, int n, const char *field, const char *name, int *i,
		struct dv_err *err)
{
	*i = names_find(v, n, name);
	if (*i >= 0)
		return 0;
	struct buf list = BUF_INIT;
	for (int k = 0; k < n; k++)
		buf_addf(&list, "%s%s", k ? ", " : "", v[k].name);
	/* what was given, shortened: it may be anything */
	int rc = dv_fail(err, DV_EINVAL, field, "Unknown %s '%.40s': use %s", field, name ? name : "",
			 list.ptr);
	buf_release(&list);
	*i = 0;
	return rc;
}
