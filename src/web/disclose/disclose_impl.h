/*
 * Private to web/disclose/: the handlers its route table names, and what its
 * pages share. Included only by the files of this folder (make lint).
 */
#ifndef DV_WEB_DISCLOSE_IMPL_H
#define DV_WEB_DISCLOSE_IMPL_H

#include "web/http.h"
#include "domain/disclose/attachment.h"
#include "domain/disclose/notice.h"
#include "web/form.h"

/* Handlers, in the order of the route table (routes.c of this folder). */
int page_notices(struct req *r);
int page_my_notices(struct req *r);
int page_notice(struct req *r);
int page_notice_versions(struct req *r);
int page_notice_reach(struct req *r);
int page_notice_reach_post(struct req *r);
int page_notice_new(struct req *r);
int page_notice_create(struct req *r);
int page_notice_edit(struct req *r);
int page_notice_update(struct req *r);
int page_notice_publish(struct req *r);
int page_notice_archive(struct req *r);
int page_notice_ack(struct req *r);
int page_notice_duty(struct req *r);
int page_notice_file_add(struct req *r);
int page_notice_file_remove(struct req *r);
int page_categories(struct req *r);
int page_category_new(struct req *r);
int page_category_create(struct req *r);
int page_category_edit(struct req *r);
int page_category_update(struct req *r);
int page_news(struct req *r);
int page_article(struct req *r);
int page_article_new(struct req *r);
int page_article_create(struct req *r);
int page_article_edit(struct req *r);
int page_article_update(struct req *r);
int page_article_publish(struct req *r);
int page_article_withdraw(struct req *r);
int page_article_file_add(struct req *r);
int page_article_file_remove(struct req *r);
int page_file(struct req *r);
int page_file_thumb(struct req *r);
int page_feed_notices(struct req *r);
int page_feed_news(struct req *r);
int api_notices(struct req *r);
int api_notice_create(struct req *r);
int api_notice(struct req *r);
int api_notice_update(struct req *r);
int api_notice_publish(struct req *r);
int api_notice_archive(struct req *r);
int api_notice_ack(struct req *r);
int api_notice_versions(struct req *r);
int api_notice_reach(struct req *r);
int api_notice_reach_record(struct req *r);
int api_notice_duty(struct req *r);
int api_notice_file(struct req *r);
int api_notice_categories(struct req *r);
int api_news(struct req *r);
int api_article_create(struct req *r);
int api_article(struct req *r);
int api_article_update(struct req *r);
int api_article_publish(struct req *r);
int api_article_withdraw(struct req *r);
int api_article_file(struct req *r);

/* A <select> of the active disclosure categories, with `first` as the
 * empty choice. */
void notice_category_select(struct req *r, const char *name, const char *label, int64_t value,
			    const char *first, const struct form_errors *fe);

/* A notice of one commune (at or below a ward) is its commune's page:
 * households reach it from that commune only. A notice above the communes
 * is reached from many, so its pages are not scoped. */
void notice_cache_scope(struct req *r, const struct notice *n);

/* The attached files: photos as thumbnails, PDFs as links, each with a
 * remove button when owner_path (the notice's or article's page) is given. */
void notice_files(struct req *r, const struct attachment *v, size_t n, const char *owner_path);

/* The duty checklist of a published notice, with the forms to tick a duty
 * for those who may. */
int notice_duty_section(struct req *r, const struct notice *n);

/* Edit, publish, archive and attach, for those who may, with the errors
 * of a refused action (fe may be NULL). */
void notice_officer_tools(struct req *r, const struct notice *n, const struct form_errors *fe);

#endif
