/*
 * A notice by text message to every household's representative: the law
 * names it a disclosure channel (the "sms" duty of items 7, 8, 9 and 12).
 * Each message costs money, so it is an officer's action in two steps: a
 * preview (how many messages, how many parts each, the text as it will
 * go) and a confirmation carrying the count the officer saw. Households
 * the notice already reached, and those already texted for it (delivered
 * or not: one the network cannot reach is for the head to visit), are
 * left out. The messages go through the notify family's outbox and an SMS
 * gateway (web/notify/); each one the gateway reports delivered counts
 * its household as reached by text message (sms_delivered, outbox.h).
 */
#ifndef DV_DOMAIN_NOTICE_SMS_H
#define DV_DOMAIN_NOTICE_SMS_H

#include <stdint.h>

#include "domain/ctx.h"

#define SMS_SENDS_PER_HOUR 3	/* an officer's confirmed sends in one hour */
#define SMS_PART_CHARS	   160	/* one message in the GSM alphabet */
#define SMS_PARTS_CHARS	   153	/* each part of a longer one */
#define SMS_TEXT_MAX	   306	/* two parts at most: a longer title is cut */

struct notice_sms {
	const char *text; /* as it will be sent: no marks (GSM alphabet) */
	int parts;	  /* of each message */
	int64_t households; /* active households in the notice's scope */
	int64_t no_phone;   /* of them, with no representative's phone */
	int64_t reached;    /* already reached another way: not texted */
	int64_t texted;	    /* texted for this notice before, not reached: not again */
	int64_t to_send;    /* the messages a confirmation makes now */
	/* what became of the messages sent before */
	int64_t waiting, sent, delivered, failed;
	int queuing; /* a send confirmed moments ago is still being queued */
};

/* The number of parts a text of `len` GSM characters takes. */
int sms_parts(size_t len);

/*
 * The preview of texting notice `id` (url: its absolute address, which the
 * text carries). Needs the
 * right to publish in the notice's unit; the notice must be published and
 * posted. 0, DV_ENOTFOUND, DV_EPERM or DV_ECONFLICT.
 */
int notice_sms_preview(struct dv_ctx *ctx, int64_t id, const char *url,
		       struct notice_sms *p);

/*
 * Queue the messages of the preview, if `expected` is still its to_send
 * (DV_ECONFLICT otherwise: the officer confirms what they saw). Marks the
 * notice's text-message duty done today when it has one. DV_EINVAL when no
 * household is left to text, DV_EBUSY after SMS_SENDS_PER_HOUR sends by the
 * same officer in the last hour. *queued how many messages.
 */
int notice_sms_send(struct dv_ctx *ctx, int64_t id, const char *url, int64_t expected,
		    int64_t *queued);

#endif
