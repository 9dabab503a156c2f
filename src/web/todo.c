#include "web/todo.h"

#include "web/html.h"
#include "web/page.h"

void todo_add(struct todo *t, const char *label, int64_t count, const char *href, int urgent)
{
	if (count <= 0 || t->n >= TODO_MAX)
		return;
	t->v[t->n++] = (struct todo_item){label, count, href, urgent};
}

int todo_each_unit(struct req *r, struct todo *t, enum action act,
		   int (*each)(struct req *r, struct todo *t, int64_t unit_id))
{
	const struct actor *a = r->ctx.actor;
	int rc = 0;
	for (size_t i = 0; !rc && i < a->ngrants; i++)
		if (role_allows((enum role)a->grants[i].role, act))
			rc = each(r, t, a->grants[i].unit_id);
	return rc;
}

static void items(struct req *r, const struct todo *t, int urgent)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct todo_item *it = &t->v[i];
		if (it->urgent != urgent)
			continue;
		html_raw(&r->out, urgent ? "<li class=\"overdue\">" : "<li>");
		html_link(&r->out, it->href,
			  arena_printf(&r->arena, T(r, it->label), (long long)it->count));
		html_raw(&r->out, "</li>");
	}
}

void todo_render(struct req *r, const struct todo *t, const char *heading, const char *empty)
{
	html_raw(&r->out, "<section class=\"todo\"><h2>");
	html_txt(&r->out, heading);
	html_raw(&r->out, "</h2>");
	if (!t->n) {
		page_note(r, "done", empty);
	} else {
		html_raw(&r->out, "<ul class=\"todo\">");
		items(r, t, 1);
		items(r, t, 0);
		html_raw(&r->out, "</ul>");
	}
	html_raw(&r->out, "</section>");
}
