/*
 * The notify family's part of the route table. The one-click unsubscribe
 * (RFC 8058) is a POST from a mail client that has no session and no form:
 * its token is the authority, so it reads no session and asks no CSRF token;
 * so is the SMS gateway's delivery report.
 */
#include "web/notify/notify.h"
#include "web/notify/notify_impl.h"

const struct route notify_routes[] = {
	{"GET", "/me/notifications", page_notifications, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/me/notifications/read", page_notifications_read, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/me/notifications/prefs", page_notifications_prefs, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/units/{id}/subscribe", page_subscribe, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/units/{id}/subscribe", page_subscribe_post, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/subscriptions/confirm/{token}", page_confirm, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/subscriptions/confirm/{token}", page_confirm_post, ROUTE_HTML, ROUTE_PUBLIC},
	{"GET", "/unsubscribe/{token}", page_unsubscribe, ROUTE_HTML, ROUTE_PUBLIC},
	{"POST", "/unsubscribe/{token}", page_unsubscribe_post, ROUTE_HTML, ROUTE_NO_SESSION},
	{"GET", "/api/v1/me/notifications", api_notifications, ROUTE_JSON, ROUTE_LOGIN},
	{"GET", "/notices/{id}/sms", page_notice_sms, ROUTE_HTML, ROUTE_LOGIN},
	{"POST", "/notices/{id}/sms", page_notice_sms_post, ROUTE_HTML, ROUTE_LOGIN},
	{"GET", "/sms/delivered/{id}/{token}", page_sms_delivered, ROUTE_TEXT, ROUTE_NO_SESSION},
};

const size_t notify_routes_n = sizeof(notify_routes) / sizeof(notify_routes[0]);
