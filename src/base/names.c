#include "base/names.h"

#include <string.h>

int names_find(const struct name_label *v, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (v[i].name && strcmp(name, v[i].name) == 0)
			return i;
	return -1;
}

const char *names_name(const struct name_label *v, int n, int i, const char *fallback)
{
	return i >= 0 && i < n ? v[i].name : fallback;
}

const char *names_label(const struct name_label *v, int n, int i, const char *fallback)
{
	return i >= 0 && i < n ? v[i].label : fallback;
}
