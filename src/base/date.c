#include "base/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	int max = mdays[m - 1] + (m == 2 && is_leap(y));
	return d <= max;
}

int32_t date_ymd(int y, int m, int d)
{
	return (int32_t)(y * 10000 + m * 100 + d);
}

void date_split(int32_t ymd, int *y, int *m, int *d)
{
	*y = ymd / 10000;
	*m = ymd / 100 % 100;
	*d = ymd % 100;
}

/* Read 1..max digits; returns -1 if none. */
static int read_num(const char **p, int max)
{
	int v = 0, n = 0;
	while (n < max && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

int date_parse(const char *s, int32_t *ymd, struct dv_err *err)
{
	const char *p = s ? s : "";
	while (*p == ' ')
		p++;
	const char *start = p;
	int a = read_num(&p, 4);
	int y, m, d;
	if (a >= 0 && p - start == 4 && *p == '-') { /* ISO yyyy-mm-dd */
		p++;
		y = a;
		m = read_num(&p, 2);
		if (*p++ != '-')
			goto bad;
		d = read_num(&p, 2);
	} else if (a >= 0 && p - start <= 2 && (*p == '/' || *p == '-' || *p == '.')) {
		char sep = *p++;
		d = a;
		m = read_num(&p, 2);
		if (*p++ != sep)
			goto bad;
		const char *ys = p;
		y = read_num(&p, 4);
		if (p - ys != 4)
			goto bad;
	} else {
		goto bad;
	}
	while (*p == ' ')
		p++;
	if (*p || !date_valid(y, m, d))
		goto bad;
	*ymd = date_ymd(y, m, d);
	return 0;
bad:
	return dv_fail(err, DV_EINVAL, NULL, "Enter a real date as dd/mm/yyyy, such as 17/02/2023");
}

void date_format(struct buf *out, int32_t ymd)
{
	int y, m, d;
	date_split(ymd, &y, &m, &d);
	buf_addf(out, "%02d/%02d/%04d", d, m, y);
}

void date_format_iso(struct buf *out, int32_t ymd)
{
	int y, m, d;
	date_split(ymd, &y, &m, &d);
	buf_addf(out, "%04d-%02d-%02d", y, m, d);
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t date_to_days(int32_t ymd)
{
	int y, m, d;
	date_split(ymd, &y, &m, &d);
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int32_t date_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp + (mp < 10 ? 3 : -9);
	return date_ymd((int)(y + (m <= 2)), (int)m, (int)d);
}

int32_t date_add_days(int32_t ymd, int64_t n)
{
	return date_from_days(date_to_days(ymd) + n);
}

int64_t date_diff_days(int32_t a, int32_t b)
{
	return date_to_days(b) - date_to_days(a);
}

/* ------------------------------------------------------------ working days */

int date_weekday(int32_t ymd)
{
	/* 1970-01-01 was a Thursday (4) */
	int64_t d = date_to_days(ymd);
	int64_t w = ((d + 3) % 7 + 7) % 7;
	return (int)w + 1;
}

int date_is_working_day(int32_t ymd)
{
	return date_weekday(ymd) <= 5;
}

/* Working days in the n days after day number d (d itself not counted). */
static int64_t working_after(int64_t d, int64_t n)
{
	int64_t weeks = n / 7, rest = n % 7, count = weeks * 5;
	/* the weekday of d as 0 Monday .. 6 Sunday */
	int64_t w = ((d + 3) % 7 + 7) % 7;
	for (int64_t i = 1; i <= rest; i++)
		count += (w + i) % 7 < 5;
	return count;
}

int32_t date_add_working_days(int32_t ymd, int64_t n)
{
	if (n <= 0)
		return ymd;
	int64_t d = date_to_days(ymd);
	/* whole weeks first, then day by day: at most six steps */
	int64_t weeks = (n - 1) / 5;
	d += weeks * 7;
	n -= weeks * 5;
	while (n > 0) {
		d++;
		if (((d + 3) % 7 + 7) % 7 < 5)
			n--;
	}
	return date_from_days(d);
}

int64_t date_working_days_between(int32_t a, int32_t b)
{
	int64_t da = date_to_days(a), db = date_to_days(b);
	return db <= da ? 0 : working_after(da, db - da);
}

/* What DANVAN_NOW (or a test) added to the system's clock. Set once at
 * start, before any thread runs; read-only afterwards. */
static int64_t clock_offset;

int64_t time_now(void)
{
	return (int64_t)time(NULL) + clock_offset;
}

void clock_start_at(int64_t at)
{
	clock_offset = at - (int64_t)time(NULL);
}

int clock_from_env(struct dv_err *err)
{
	const char *s = getenv("DANVAN_NOW");
	if (!s || !*s)
		return 0;
	int64_t at = time_parse_iso(s);
	if (!at)
		return dv_fail(err, DV_EINVAL, "DANVAN_NOW",
			       "DANVAN_NOW is an instant such as 2026-12-05T09:00:00+07:00");
	clock_start_at(at);
	return 1;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int32_t time_local_date(int64_t t)
{
	return date_from_days(floor_div(t + DV_UTC_OFFSET, 86400));
}

int64_t time_local_midnight(int32_t ymd)
{
	return date_to_days(ymd) * 86400 - DV_UTC_OFFSET;
}

void time_format(struct buf *out, int64_t t)
{
	int64_t local = t + DV_UTC_OFFSET;
	int64_t secs = local - floor_div(local, 86400) * 86400;
	date_format(out, time_local_date(t));
	buf_addf(out, " %02d:%02d", (int)(secs / 3600), (int)(secs / 60 % 60));
}

int64_t time_parse_iso(const char *s)
{
	int y, mo, d, h, mi, sec = 0, oh = 0, om = 0, n = 0;
	char sign = 0;
	if (!s || sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5)
		return 0;
	s += n;
	if (*s == ':' && sscanf(s, ":%2d%n", &sec, &n) == 1)
		s += n;
	if (!date_valid(y, mo, d) || h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
		return 0;
	int64_t local = time_local_midnight(date_ymd(y, mo, d)) + h * 3600 + mi * 60 + sec;
	if (*s == '\0')
		return local;
	int64_t utc = local + DV_UTC_OFFSET; /* the same wall time, read as UTC */
	if (strcmp(s, "Z") == 0)
		return utc;
	if (sscanf(s, "%c%2d:%2d%n", &sign, &oh, &om, &n) == 3 && s[n] == '\0' &&
	    (sign == '+' || sign == '-') && oh <= 14 && om <= 59)
		return utc - (sign == '+' ? 1 : -1) * (oh * 3600 + om * 60);
	return 0;
}

void time_format_iso(struct buf *out, int64_t t)
{
	int64_t secs = t - floor_div(t, 86400) * 86400;
	date_format_iso(out, date_from_days(floor_div(t, 86400)));
	buf_addf(out, "T%02d:%02d:%02dZ", (int)(secs / 3600), (int)(secs / 60 % 60),
		 (int)(secs % 60));
}
