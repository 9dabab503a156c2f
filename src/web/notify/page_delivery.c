/*
 * GET /sms/delivered/{id}/{token}: the SMS gateway's delivery report for
 * one message (eSMS.vn calls the CallbackUrl it was given with SendStatus,
 * SendSuccess and SendFailed in the query). The token, keyed by the
 * gateway's secret, is the authority: no session, no form.
 */
#include <string.h>

#include <sodium.h>

#include "web/notify/notify.h"
#include "web/notify/notify_impl.h"

/* SendStatus: 4 refused, 5 done (SendSuccess or SendFailed say how); 1, 2
 * and 7 (waiting for approval, to go, for the report) change nothing. */
int page_sms_delivered(struct req *r)
{
	char want[33];
	if (!sms_configured())
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such page");
	sms_report_token(r->params[0], want);
	if (!r->sparam || strlen(r->sparam) != 32 || sodium_memcmp(r->sparam, want, 32) != 0)
		return dv_fail(&r->ctx.err, DV_ENOTFOUND, NULL, "No such page");
	int64_t status = 0, success = 0, failed = 0;
	int rc = req_query_int(r, "SendStatus", 0, 99, 0, &status);
	if (!rc)
		rc = req_query_int(r, "SendSuccess", 0, 1000000, 0, &success);
	if (!rc)
		rc = req_query_int(r, "SendFailed", 0, 1000000, 0, &failed);
	if (!rc && status == 5 && success > 0)
		rc = sms_delivered(&r->ctx, r->params[0], 1, "");
	else if (!rc && (status == 4 || (status == 5 && failed > 0)))
		rc = sms_delivered(&r->ctx, r->params[0], 0,
				   status == 4 ? "sms: the gateway refused it"
					       : "sms: the network did not deliver it");
	if (rc)
		return rc;
	r->status = 200;
	r->content_type = "text/plain; charset=utf-8";
	buf_adds(&r->out, "OK\n");
	return 0;
}
