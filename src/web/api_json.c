#include "web/api_json.h"

#include "base/buf.h"
#include "base/date.h"

json_t *unit_json(const struct unit *u)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)u->id, "kind",
			      unit_kind_name(u->kind), "name", u->name, "status", u->status,
			      "households", (json_int_t)u->households, "residents",
			      (json_int_t)u->residents);
	json_object_set_new(j, "code", *u->code ? json_string(u->code) : json_null());
	json_object_set_new(j, "parent", u->parent_id ? json_integer(u->parent_id) : json_null());
	if (u->merged_into)
		json_object_set_new(j, "merged_into", json_integer(u->merged_into));
	return j;
}

json_t *household_json(const struct household *h)
{
	json_t *j = json_pack("{s:I, s:I, s:I, s:s, s:s, s:I}", "id", (json_int_t)h->id, "unit",
			      (json_int_t)h->unit_id, "ward", (json_int_t)h->ward_id, "address",
			      h->address, "status", h->status, "members", (json_int_t)h->members);
	json_object_set_new(j, "code", *h->code ? json_string(h->code) : json_null());
	json_object_set_new(j, "representative",
			    h->representative_id
				    ? json_pack("{s:I, s:s}", "id", (json_int_t)h->representative_id,
						"full_name", h->representative_name)
				    : json_null());
	return j;
}

json_t *date_json(int32_t ymd)
{
	if (!ymd)
		return json_null();
	struct buf b = BUF_INIT;
	date_format_iso(&b, ymd);
	json_t *j = json_string(b.ptr);
	buf_release(&b);
	return j;
}

json_t *resident_json(const struct resident *p)
{
	json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)p->id,
			      "household", (json_int_t)p->household_id, "full_name", p->full_name,
			      "gender", p->gender, "relation", p->relation, "status", p->status,
			      "representative", p->is_representative);
	json_object_set_new(j, "status_date", date_json(p->status_date));
	if (p->personal) {
		json_object_set_new(j, "birth_date", date_json(p->birth_date));
		json_object_set_new(j, "phone", *p->phone ? json_string(p->phone) : json_null());
		json_object_set_new(j, "national_id",
				    *p->national_id ? json_string(p->national_id) : json_null());
	}
	return j;
}

json_t *files_json(const char *base, const struct attachment *f, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *j = json_pack("{s:I, s:s, s:s, s:I, s:i, s:i, s:s}", "id",
				      (json_int_t)f[i].file_id, "name", f[i].name, "type", f[i].mime,
				      "size", (json_int_t)f[i].size, "width", f[i].width, "height",
				      f[i].height, "caption", f[i].caption);
		struct buf url = BUF_INIT;
		buf_addf(&url, "%s/files/%lld", base, (long long)f[i].file_id);
		json_object_set_new(j, "url", json_string(url.ptr));
		buf_release(&url);
		json_array_append_new(a, j);
	}
	return a;
}
