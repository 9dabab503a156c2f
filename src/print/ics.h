/*
 * iCalendar (RFC 5545) for a meeting people add to their phone's calendar:
 * CRLF line ends, content lines folded at 75 octets (never inside a UTF-8
 * character), text escaped, and times in Vietnam's zone, which the file
 * carries as a VTIMEZONE (UTC+7 all year) so every calendar reads them alike.
 */
#ifndef DV_PRINT_ICS_H
#define DV_PRINT_ICS_H

#include <stdint.h>

#include "base/buf.h"

struct ics_event {
	const char *uid;	 /* unique and stable: "meeting-12@danvan" */
	int64_t stamp;		 /* when the file was made, UTC epoch seconds */
	int64_t start, end;	 /* UTC epoch seconds, written in Vietnam's time */
	const char *summary;	 /* the title */
	const char *location;	 /* may be NULL */
	const char *url;	 /* may be NULL */
	const char *description; /* may be NULL; line breaks kept */
};

/* Append a calendar holding one event. */
void ics_calendar(struct buf *out, const struct ics_event *e);

#endif
