/*
 * The disclose family's part of the route table (public disclosure: notices, their categories, duties, reach and files; news; feeds).
 * web/routes.c joins the families' parts in a fixed order.
 */
#include "web/disclose/disclose.h"
#include "web/disclose/disclose_impl.h"

const struct route disclose_routes[] = {
	/* public disclosure: notices, their duties, reach and files */
	{"GET", "/notices", page_notices, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/notices/{id}", page_notice, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/notices/{id}/versions", page_notice_versions, ROUTE_HTML,
	 ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/notices/{id}/reach", page_notice_reach, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"POST", "/notices/{id}/reach", page_notice_reach_post, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/units/{id}/notices/new", page_notice_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/notices", page_notice_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/notices/{id}/edit", page_notice_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}", page_notice_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/publish", page_notice_publish, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/archive", page_notice_archive, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/ack", page_notice_ack, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/duties/{token}", page_notice_duty, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/files", page_notice_file_add, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	{"POST", "/notices/{id}/files/{id}/remove", page_notice_file_remove, ROUTE_HTML,
	 ROUTE_LOGIN},
	{"GET", "/notice-categories", page_categories, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/notice-categories/new", page_category_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notice-categories", page_category_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/notice-categories/{id}/edit", page_category_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notice-categories/{id}", page_category_update, ROUTE_HTML, ROUTE_LOGIN},
	/* news */
	{"GET", "/news", page_news, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/news/{id}", page_article, ROUTE_HTML, ROUTE_PUBLIC | ROUTE_CACHE},
	{"GET", "/units/{id}/news/new", page_article_new, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/units/{id}/news", page_article_create, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/news/{id}/edit", page_article_edit, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/news/{id}", page_article_update, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/news/{id}/publish", page_article_publish, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/news/{id}/withdraw", page_article_withdraw, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/news/{id}/files", page_article_file_add, ROUTE_HTML,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	{"POST", "/news/{id}/files/{id}/remove", page_article_file_remove, ROUTE_HTML, ROUTE_LOGIN},
	/* attached files and feeds */
	{"GET", "/files/{id}", page_file, ROUTE_TEXT, ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/files/{id}/thumb", page_file_thumb, ROUTE_TEXT, ROUTE_PUBLIC | ROUTE_SLOW},
	{"GET", "/feeds/notices.atom", page_feed_notices, ROUTE_TEXT, ROUTE_PUBLIC},
	{"GET", "/feeds/news.atom", page_feed_news, ROUTE_TEXT, ROUTE_PUBLIC},
	/* JSON API v1 (docs/openapi.yaml) */
	{"GET", "/api/v1/notices", api_notices, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/notices", api_notice_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/notices/{id}", api_notice, ROUTE_JSON, ROUTE_PUBLIC},
	{"PATCH", "/api/v1/notices/{id}", api_notice_update, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/notices/{id}/publish", api_notice_publish, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/notices/{id}/archive", api_notice_archive, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/notices/{id}/ack", api_notice_ack, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/notices/{id}/versions", api_notice_versions, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/notices/{id}/reach", api_notice_reach, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/notices/{id}/reach", api_notice_reach_record, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/notices/{id}/duties/{token}", api_notice_duty, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/notices/{id}/files", api_notice_file, ROUTE_JSON,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
	{"GET", "/api/v1/notice-categories", api_notice_categories, ROUTE_JSON, ROUTE_PUBLIC},
	{"GET", "/api/v1/news", api_news, ROUTE_JSON, ROUTE_PUBLIC},
	{"POST", "/api/v1/news", api_article_create, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/api/v1/news/{id}", api_article, ROUTE_JSON, ROUTE_PUBLIC},
	{"PATCH", "/api/v1/news/{id}", api_article_update, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/news/{id}/publish", api_article_publish, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/news/{id}/withdraw", api_article_withdraw, ROUTE_JSON, ROUTE_LOGIN},
	{"POST", "/api/v1/news/{id}/files", api_article_file, ROUTE_JSON,
	 ROUTE_LOGIN | ROUTE_SLOW | ROUTE_UPLOAD},
};
const size_t disclose_routes_n = sizeof(disclose_routes) / sizeof(disclose_routes[0]);
