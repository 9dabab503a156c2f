#include "base/money.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *skip_spaces(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
			p += 2; /* no-break space, as Excel writes it */
		else
			return p;
	}
}

/* Is p (after spaces) one of the currency marks, ending the string? */
static int is_currency_tail(const char *p)
{
	static const char *marks[] = {"₫",    "đ",   "Đ",   "đồng", "Đồng",
				      "ĐỒNG", "vnd", "vnđ", "VNĐ",  "vnđ"};
	p = skip_spaces(p);
	if (!*p)
		return 1;
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t n = strlen(marks[i]);
		if (strncasecmp(p, marks[i], n) == 0 && *skip_spaces(p + n) == '\0')
			return 1;
	}
	return 0;
}

int money_parse(const char *s, int64_t *out, struct dv_err *err)
{
	const char *p = skip_spaces(s ? s : "");
	int neg = 0;
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p = skip_spaces(p + 1);
	}
	if (!isdigit((unsigned char)*p))
		return dv_fail(err, DV_EINVAL, NULL, "Enter an amount in đồng, such as 1.250.000");

	int64_t v = 0;
	int group = 0;	/* digits since the last separator */
	int groups = 0; /* separators seen */
	char sep = 0;	/* the grouping separator in use */
	for (;; p++) {
		if (isdigit((unsigned char)*p)) {
			if (v > (MONEY_MAX - (*p - '0')) / 10)
				return dv_fail(err, DV_EINVAL, NULL, "This amount is too large");
			v = v * 10 + (*p - '0');
			group++;
			continue;
		}
		if ((*p == '.' || *p == ',' || *p == ' ') && isdigit((unsigned char)p[1])) {
			if (sep && *p != sep)
				return dv_fail(err, DV_EINVAL, NULL,
					       "Write whole đồng, grouped by dots: 1.250.000");
			if ((groups && group != 3) || (!groups && group > 3))
				return dv_fail(err, DV_EINVAL, NULL,
					       "Write whole đồng, grouped by dots: 1.250.000");
			sep = *p;
			groups++;
			group = 0;
			continue;
		}
		break;
	}
	if (groups && group != 3)
		return dv_fail(err, DV_EINVAL, NULL,
			       "Write whole đồng, grouped by dots: 1.250.000");
	if (!is_currency_tail(p))
		return dv_fail(err, DV_EINVAL, NULL, "Enter an amount in đồng, such as 1.250.000");
	*out = neg ? -v : v;
	return 0;
}

void money_format_plain(struct buf *out, int64_t amount)
{
	char digits[32];
	char tmp[48];
	uint64_t u = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
	int n = 0;
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	int k = 0;
	if (amount < 0)
		tmp[k++] = '-';
	for (int i = n - 1; i >= 0; i--) {
		tmp[k++] = digits[i];
		if (i && i % 3 == 0)
			tmp[k++] = '.';
	}
	buf_add(out, tmp, (size_t)k);
}

void money_format(struct buf *out, int64_t amount)
{
	money_format_plain(out, amount);
	buf_adds(out, " ₫");
}
