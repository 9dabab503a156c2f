/*
 * HTML forms: fields with their labels, the value the user typed, and the
 * error next to the field (in the user's language), plus the hidden CSRF
 * token every form carries. All output goes through the escaping writer.
 */
#ifndef DV_WEB_FORM_H
#define DV_WEB_FORM_H

#include "base/names.h"
#include "web/http.h"

#define FORM_MAX_ERRORS 24

struct form_errors {
	size_t n;
	struct {
		const char *field; /* NULL for an error about the whole form */
		const char *msg;
	} e[FORM_MAX_ERRORS];
};

/* Record an error (message copied into the request's arena). */
void form_error(struct req *r, struct form_errors *fe, const char *field, const char *msg);
/* Record ctx.err (a domain error with its field) and return rc. */
int form_domain_error(struct req *r, struct form_errors *fe, int rc);

/*
 * The one rule for a form's action that failed with rc: can the user mend
 * it in the form? Yes for a refusal of what was typed or chosen (an
 * invalid field, a conflict, a limit; also "not found" or "forbidden" when
 * they name a field: a household or a role picked in the form). No for
 * "not found" and "forbidden" about the page itself and for system errors,
 * which become the error page. Returns the HTTP status to show the form
 * again in, with the error recorded in fe; 0 when it cannot be mended.
 */
int form_mendable(struct req *r, int rc, struct form_errors *fe);

/* A page that shows a form again, with the errors on top, in `status`. */
typedef int (*form_page_fn)(struct req *r, const struct form_errors *fe, int status);

/* After a form's action: rc 0 answers 303 to `back`; a refusal the user can
 * mend (form_mendable) shows `page` again with the error on top and the
 * status it calls for; anything else is returned for the error page. */
int form_after(struct req *r, int rc, form_page_fn page, const char *back);
const char *form_error_for(const struct form_errors *fe, const char *field);

/* <form method="post" action="ACTION"> with the CSRF field. */
void form_begin(struct req *r, const char *action, const char *css_class);
void form_end(struct req *r);
/* The same for a form that uploads files (multipart/form-data). */
void form_begin_upload(struct req *r, const char *action, const char *css_class);

/* A list of the errors at the top of the form, each linking to its field. */
void form_summary(struct req *r, const struct form_errors *fe);

struct field {
	const char *name;
	const char *label;
	const char *value;        /* what to show in it: what was typed, or stored */
	const char *type;         /* "text", "password", "tel", "date", ... */
	const char *autocomplete; /* or NULL */
	const char *hint;         /* a line of help under the label, or NULL */
	int required;
	int maxlength;            /* 0 for none */
};

void form_input(struct req *r, const struct field *f, const struct form_errors *fe);
/* A <textarea> of `rows` lines (f->type is ignored). */
void form_textarea(struct req *r, const struct field *f, int rows, const struct form_errors *fe);
/* A file input taking the types in `accept` (".pdf,image/jpeg"); f->value is
 * ignored (browsers never refill a file input). */
void form_file(struct req *r, const struct field *f, const char *accept,
	       const struct form_errors *fe);
/* The same taking several files at once (<input multiple>: a phone's
 * gallery lets the user pick a few photos); each comes as a part of the
 * field's name. */
void form_files(struct req *r, const struct field *f, const char *accept,
		const struct form_errors *fe);
void form_checkbox(struct req *r, const char *name, const char *label, int checked);
void form_hidden(struct req *r, const char *name, const char *value);

/* A one-line search form, GET to `action` (the page itself when NULL): the
 * label over a box named q holding `q` (may be NULL), at most maxlength
 * characters, and a Search button; unit_id kept as a hidden "unit" when
 * not 0. */
void form_search(struct req *r, const char *action, const char *label, const char *q,
		 int maxlength, int64_t unit_id);
/* A <select>; options as value/label pairs terminated by NULL. */
void form_select(struct req *r, const char *name, const char *label, const char *value,
		 const char *const *options, const struct form_errors *fe);
/* A <select> of the values of an enum (base/names.h), v[0..n): each
 * value's name, its label translated. */
void form_select_names(struct req *r, const char *name, const char *label, const char *value,
		       const struct name_label *v, size_t n, const struct form_errors *fe);
void form_submit(struct req *r, const char *label);

struct mp_part;
/* The part named "file" of a multipart upload, or DV_EINVAL ("file") when no
 * file was chosen. */
int form_upload(struct req *r, const struct mp_part **file);

/* A plain field of a multipart form as text: NULL when absent; a value
 * holding a NUL byte reads as "\x01", which text_clean refuses, rather than
 * being cut short where C strings end. */
const char *form_part_text(const struct mp_part *part);

/* A one-button form (logout, revoke): POST to action with the CSRF field. */
void form_button(struct req *r, const char *action, const char *label, const char *css_class);

#endif
