/*
 * Tables that name the values of an enum: the stable name code and the
 * database use ("loudspeaker") and the English label the interface
 * translates ("Loudspeaker system"). The table is indexed by the enum.
 */
#ifndef DV_BASE_NAMES_H
#define DV_BASE_NAMES_H

struct name_label {
	const char *name;
	const char *label;
};

/* The index of `name` in v[0..n), or -1 (also for NULL). */
int names_find(const struct name_label *v, int n, const char *name);

/* v[i]'s name or label, or `fallback` when i is out of 0..n-1. */
const char *names_name(const struct name_label *v, int n, int i, const char *fallback);
const char *names_label(const struct name_label *v, int n, int i, const char *fallback);

#endif
