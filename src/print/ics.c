#include "print/ics.h"

#include <string.h>

#include "base/date.h"

#define TZID "Asia/Ho_Chi_Minh"
#define FOLD_AT 75 /* octets on a line, CRLF not counted */

/* A content line NAME:VALUE (value already escaped), folded: a line longer
 * than 75 octets goes on after CRLF and a space, cut between characters. */
static void line(struct buf *out, const char *name, const char *value)
{
	struct buf l = BUF_INIT;
	buf_addf(&l, "%s:%s", name, value);
	size_t used = 0;
	for (size_t i = 0; i < l.len;) {
		size_t n = 1;
		while (i + n < l.len && ((unsigned char)l.ptr[i + n] & 0xc0) == 0x80)
			n++; /* the continuation bytes of this character */
		if (used + n > FOLD_AT) {
			buf_adds(out, "\r\n ");
			used = 1;
		}
		buf_add(out, l.ptr + i, n);
		used += n;
		i += n;
	}
	buf_adds(out, "\r\n");
	buf_release(&l);
}

/* A TEXT value: \\ \; \, escaped, line breaks as \n, other control
 * characters dropped. */
static void text_line(struct buf *out, const char *name, const char *s)
{
	struct buf v = BUF_INIT;
	for (; s && *s; s++) {
		if (*s == '\n') {
			buf_adds(&v, "\\n");
			continue;
		}
		if (*s == '\\' || *s == ';' || *s == ',')
			buf_addch(&v, '\\');
		if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			buf_addch(&v, *s);
	}
	line(out, name, v.ptr);
	buf_release(&v);
}

/* NAME:YYYYMMDDTHHMMSS of instant t seen `offset` seconds east of UTC,
 * with `suffix` after it ("Z" for UTC, "" for a zone named in NAME). */
static void time_line(struct buf *out, const char *name, int64_t t, int64_t offset,
		      const char *suffix)
{
	struct buf v = BUF_INIT;
	int y, m, d;
	int64_t wall = t + offset, secs = ((wall % 86400) + 86400) % 86400;
	date_split(time_local_date(wall - DV_UTC_OFFSET), &y, &m, &d);
	buf_addf(&v, "%04d%02d%02dT%02d%02d%02d%s", y, m, d, (int)(secs / 3600),
		 (int)(secs / 60 % 60), (int)(secs % 60), suffix);
	line(out, name, v.ptr);
	buf_release(&v);
}

/* Vietnam's zone: UTC+7, no daylight saving since 1975. */
static void vtimezone(struct buf *out)
{
	line(out, "BEGIN", "VTIMEZONE");
	line(out, "TZID", TZID);
	line(out, "BEGIN", "STANDARD");
	line(out, "DTSTART", "19750613T000000");
	line(out, "TZOFFSETFROM", "+0700");
	line(out, "TZOFFSETTO", "+0700");
	line(out, "TZNAME", "ICT");
	line(out, "END", "STANDARD");
	line(out, "END", "VTIMEZONE");
}

void ics_calendar(struct buf *out, const struct ics_event *e)
{
	line(out, "BEGIN", "VCALENDAR");
	line(out, "VERSION", "2.0");
	line(out, "PRODID", "-//danvan//meetings//VI");
	line(out, "CALSCALE", "GREGORIAN");
	vtimezone(out);
	line(out, "BEGIN", "VEVENT");
	line(out, "UID", e->uid);
	time_line(out, "DTSTAMP", e->stamp, 0, "Z");
	time_line(out, "DTSTART;TZID=" TZID, e->start, DV_UTC_OFFSET, "");
	time_line(out, "DTEND;TZID=" TZID, e->end, DV_UTC_OFFSET, "");
	text_line(out, "SUMMARY", e->summary);
	if (e->location)
		text_line(out, "LOCATION", e->location);
	if (e->url)
		line(out, "URL", e->url);
	if (e->description && *e->description)
		text_line(out, "DESCRIPTION", e->description);
	line(out, "END", "VEVENT");
	line(out, "END", "VCALENDAR");
}
