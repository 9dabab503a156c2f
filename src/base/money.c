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

/* ----------------------------------------------------------------- words */

static const char *const digit_words[] = {"không", "một", "hai", "ba",  "bốn",
					  "năm",   "sáu", "bảy", "tám", "chín"};

static void word(struct buf *out, const char *w)
{
	if (out->len && out->ptr[out->len - 1] != ' ')
		buf_addch(out, ' ');
	buf_adds(out, w);
}

/* A group of three digits (1..999). `full`: a group after the first, read
 * with its hundreds and "linh" so that 1.005.000 is "một triệu không trăm
 * linh năm nghìn", not "một triệu năm nghìn". */
static void three_digits(struct buf *out, int g, int full)
{
	int h = g / 100, t = g / 10 % 10, u = g % 10;
	if (full || h) {
		word(out, digit_words[h]);
		word(out, "trăm");
	}
	if (t == 0) {
		if (u && (full || h))
			word(out, "linh");
		if (u)
			word(out, digit_words[u]);
		return;
	}
	if (t == 1) {
		word(out, "mười");
	} else {
		word(out, digit_words[t]);
		word(out, "mươi");
	}
	/* after a ten: 5 is "lăm"; after twenty and more, 1 is "mốt" */
	if (u == 5)
		word(out, "lăm");
	else if (u == 1 && t >= 2)
		word(out, "mốt");
	else if (u)
		word(out, digit_words[u]);
}

/* n below a billion; `before`: something was read ahead of it. */
static void below_billion(struct buf *out, int64_t n, int before)
{
	static const char *const scales[] = {"triệu", "nghìn", NULL};
	const int64_t div[] = {1000000, 1000, 1};
	for (int i = 0; i < 3; i++) {
		int g = (int)(n / div[i] % 1000);
		if (!g)
			continue;
		three_digits(out, g, before);
		if (scales[i])
			word(out, scales[i]);
		before = 1;
	}
}

static void words_of(struct buf *out, uint64_t n, int before)
{
	if (n >= 1000000000u) {
		words_of(out, n / 1000000000u, before);
		word(out, "tỷ");
		if (n % 1000000000u)
			below_billion(out, (int64_t)(n % 1000000000u), 1);
		return;
	}
	below_billion(out, (int64_t)n, before);
}

void number_words(struct buf *out, int64_t n)
{
	/* word() puts a space between words: write them apart from what out
	 * holds already */
	struct buf b = BUF_INIT;
	uint64_t u = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
	if (n < 0)
		word(&b, "âm");
	if (u)
		words_of(&b, u, 0);
	else
		word(&b, "không");
	buf_add(out, b.ptr, b.len);
	buf_release(&b);
}

void money_words(struct buf *out, int64_t amount)
{
	size_t start = out->len;
	number_words(out, amount);
	/* every number word begins with an ASCII letter */
	if (out->len > start && out->ptr[start] >= 'a' && out->ptr[start] <= 'z')
		out->ptr[start] = (char)(out->ptr[start] - 'a' + 'A');
	buf_adds(out, " đồng");
}
