/*
 * Enums and their names, from one list each. A value has a stable name,
 * for the database, the API and the URL ("loudspeaker"), and an English
 * label the interface translates ("Loudspeaker system").
 *
 * The list is an X-macro: LIST(X) calls X(VALUE, "name", N_("Label")) once
 * per value, in order. From it,
 *
 *   DV_ENUM(prefix, COUNT, LIST);              (in the header)
 *
 * declares `enum prefix { VALUE..., COUNT }`, its table
 *   const struct name_label prefix_names[COUNT];  (for lists and forms)
 * and
 *   const char *prefix_name(enum prefix v);    "loudspeaker"
 *   const char *prefix_label(enum prefix v);   the English msgid
 *   int prefix_parse(const char *name, enum prefix *v, struct dv_err *err);
 *   const char *prefix_label_of(const char *name);  the label of a stored name
 *
 * and DV_ENUM_DEFINE(prefix, COUNT, LIST, "field") in one .c file defines
 * them over a table built from the same list, so the enum and its names
 * cannot drift apart. An out-of-range value reads as the first one; parse
 * refuses an unknown name with DV_EINVAL naming `field` and the names it
 * takes. Lists may carry more columns for other tables of the same values:
 * X(VALUE, "name", N_("Label"), ...) (the macros here read the first three).
 */
#ifndef DV_BASE_NAMES_H
#define DV_BASE_NAMES_H

#include <stddef.h>

#include "base/array.h"
#include "base/err.h"

struct name_label {
	const char *name;
	const char *label;
};

/* The index of `name` in v[0..n), or -1 (also for NULL). */
int names_find(const struct name_label *v, int n, const char *name);

/* v[i]'s name or label; v[0]'s when i is out of 0..n-1. */
const char *names_name(const struct name_label *v, int n, int i);
const char *names_label(const struct name_label *v, int n, int i);

/* Find `name` in v[0..n) into *i; DV_EINVAL naming `field` and the names
 * v holds when it is not there. */
int names_parse(const struct name_label *v, int n, const char *field, const char *name, int *i,
		struct dv_err *err);

#define DV_ENUM_VALUE(v, name, label, ...) v,
#define DV_ENUM_ROW(v, name, label, ...) [v] = {name, label},

#define DV_ENUM(prefix, COUNT, LIST)                                                               \
	enum prefix { LIST(DV_ENUM_VALUE) COUNT };                                                 \
	extern const struct name_label prefix##_names[];                                           \
	const char *prefix##_name(enum prefix v);                                                  \
	const char *prefix##_label(enum prefix v);                                                 \
	int prefix##_parse(const char *name, enum prefix *v, struct dv_err *err);                  \
	const char *prefix##_label_of(const char *name)

#define DV_ENUM_DEFINE(prefix, COUNT, LIST, field)                                                 \
	const struct name_label prefix##_names[] = {LIST(DV_ENUM_ROW)};                            \
	_Static_assert(ARRAY_LEN(prefix##_names) == COUNT, "one name per value");                  \
	const char *prefix##_name(enum prefix v)                                                   \
	{                                                                                          \
		return names_name(prefix##_names, COUNT, (int)v);                                  \
	}                                                                                          \
	const char *prefix##_label(enum prefix v)                                                  \
	{                                                                                          \
		return names_label(prefix##_names, COUNT, (int)v);                                 \
	}                                                                                          \
	int prefix##_parse(const char *name, enum prefix *v, struct dv_err *err)                   \
	{                                                                                          \
		int i = 0;                                                                         \
		int rc = names_parse(prefix##_names, COUNT, field, name, &i, err);                 \
		if (!rc)                                                                           \
			*v = (enum prefix)i;                                                       \
		return rc;                                                                         \
	}                                                                                          \
	const char *prefix##_label_of(const char *name)                                            \
	{                                                                                          \
		return names_label(prefix##_names, COUNT, names_find(prefix##_names, COUNT, name)); \
	}                                                                                          \
	_Static_assert(1, "a semicolon after the macro")

#endif
