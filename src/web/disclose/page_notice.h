/*
 * What the notice pages (page_notice.c, page_notice_edit.c, page_reach.c)
 * and the article pages share.
 */
#ifndef DV_WEB_PAGE_NOTICE_H
#define DV_WEB_PAGE_NOTICE_H

#include "domain/disclose/attachment.h"
#include "domain/disclose/notice.h"
#include "web/form.h"

/* "42%": part of whole, rounded down; "–" when whole is 0. Arena string. */
const char *notice_percent(struct req *r, int64_t part, int64_t whole);

/* A <select> of the active disclosure categories, with `first` as the
 * empty choice. */
void notice_category_select(struct req *r, const char *name, const char *label, int64_t value,
			    const char *first, const struct form_errors *fe);

/* The attached files: photos as thumbnails, PDFs as links, each with a
 * remove button when remove_fmt (a path with %lld for the file) is given. */
void notice_files(struct req *r, const struct attachment *v, size_t n, const char *remove_fmt);

/* The duty checklist of a published notice, with the forms to tick a duty
 * for those who may. */
int notice_duty_section(struct req *r, const struct notice *n);

/* Edit, publish, archive and attach, for those who may. */
void notice_officer_tools(struct req *r, const struct notice *n);

/* /me: the notices that concern a household, each known or with the
 * button to say so. */
int notice_household_section(struct req *r, int64_t household_id);
/* /me: overdue duties, drafts and expired notices where the actor may
 * publish (nothing for others). */
int notice_officer_section(struct req *r);

struct mp_part;
/* The part named "file" of a multipart upload, or DV_EINVAL ("file") when no
 * file was chosen. */
int page_uploaded_file(struct req *r, const struct mp_part **file);

/* A plain field of a multipart form as text: NULL when absent; a value
 * holding a NUL byte reads as "\x01", which text_clean refuses, rather than
 * being cut short where C strings end. */
const char *caption_text(const struct mp_part *part);

#endif
