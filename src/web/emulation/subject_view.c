/*
 * Choosing who takes part, is proposed or is commended, on the forms of
 * the emulation, titles and awards families: one select of units,
 * organizations, one's own household and "a person named below".
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/i18n.h"
#include "domain/registry/household.h"
#include "domain/registry/org.h"
#include "domain/registry/unit.h"
#include "web/emulation/emulation.h"
#include "web/emulation/emulation_impl.h"
#include "web/html.h"
#include "web/page.h"

#define SUBJECT_DEPTH 2 /* a ward and its communities; a city and its wards */

static void push(struct req *r, const char ***v, size_t *n, size_t *cap, const char *value,
		 const char *label)
{
	*ARENA_PUSH(&r->arena, *v, *n, *cap) = value;
	*ARENA_PUSH(&r->arena, *v, *n, *cap) = label;
}

int emulation_subject_select(struct req *r, const char *name, const char *label,
			     int64_t unit_id, unsigned kinds, const struct form_errors *fe)
{
	struct unit *units;
	size_t nu, n = 0, cap = 0;
	const char **opt = NULL;
	int rc = unit_subtree(&r->ctx, unit_id, SUBJECT_DEPTH, &units, &nu);
	if (rc)
		return rc;
	if (kinds & (1u << SUBJ_INDIVIDUAL))
		push(r, &opt, &n, &cap, "individual:0", T(r, "A person, named below"));
	if (kinds & (1u << SUBJ_HOUSEHOLD) && r->ctx.actor->household_id)
		push(r, &opt, &n, &cap,
		     arena_printf(&r->arena, "household:%lld", (long long)r->ctx.actor->household_id),
		     T(r, "My household"));
	for (size_t i = 0; i < nu; i++) {
		if (kinds & (1u << SUBJ_UNIT))
			push(r, &opt, &n, &cap,
			     arena_printf(&r->arena, "unit:%lld", (long long)units[i].id),
			     subject_unit_title(&r->arena, units[i].kind, units[i].name));
		if (!(kinds & (1u << SUBJ_ORGANIZATION)))
			continue;
		struct organization *orgs;
		size_t no;
		if ((rc = org_list(&r->ctx, units[i].id, &orgs, &no)))
			return rc;
		for (size_t k = 0; k < no; k++)
			push(r, &opt, &n, &cap,
			     arena_printf(&r->arena, "organization:%lld", (long long)orgs[k].id),
			     orgs[k].name);
	}
	*ARENA_PUSH(&r->arena, opt, n, cap) = NULL;
	form_select(r, name, label, req_form(r, name), opt, fe);
	return 0;
}

int emulation_subject_read(struct req *r, const char *name, int64_t default_unit,
			   struct subject_input *in)
{
	const char *v = req_form(r, name), *colon = v ? strchr(v, ':') : NULL;
	memset(in, 0, sizeof(*in));
	if (!colon || colon == v || colon - v > 20)
		return dv_fail(&r->ctx.err, DV_EINVAL, name, "Choose who it is");
	/* digits only after the colon: no sign, space or hex */
	size_t nd = strspn(colon + 1, "0123456789");
	if (!nd || nd > 15 || colon[1 + nd] != '\0')
		return dv_fail(&r->ctx.err, DV_EINVAL, name, "Choose who it is");
	long long id = strtoll(colon + 1, NULL, 10);
	in->kind = arena_strndup(&r->arena, v, (size_t)(colon - v));
	in->ref = id;
	in->name = req_form(r, "name");
	in->detail = req_form(r, "detail");
	int64_t uid = 0;
	int rc = req_form_id(r, "unit", &uid);
	in->unit_id = uid ? uid : default_unit;
	return rc;
}

json_t *emulation_subject_json(const struct subject *s)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:I}", "kind", subject_kind_name(s->kind), "name",
			      s->name, "detail", s->detail ? s->detail : "", "unit",
			      (json_int_t)s->unit_id);
	json_object_set_new(j, "ref", s->ref ? json_integer(s->ref) : json_null());
	return j;
}
