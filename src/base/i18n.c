#include "base/i18n.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

/* Built into the binary from po/vi.po (Makefile, tools/embed.c). */
extern const char mo_vi[];
extern const unsigned long mo_vi_len;

struct catalog {
	const unsigned char *data;
	size_t len;
	uint32_t n;	    /* number of strings */
	uint32_t orig_off;  /* table of (length, offset) for msgids, sorted */
	uint32_t trans_off; /* the same for translations */
	int swap;	    /* catalog written with the other byte order */
};

static struct catalog vi;

static uint32_t rd32(const struct catalog *c, size_t off)
{
	uint32_t v;
	memcpy(&v, c->data + off, 4);
	return c->swap ? __builtin_bswap32(v) : v;
}

/* A .mo file: magic, revision, count, two tables of (length, offset). */
static int load(struct catalog *c, const unsigned char *data, size_t len)
{
	uint32_t magic;
	if (len < 28)
		return -1;
	memcpy(&magic, data, 4);
	c->data = data;
	c->len = len;
	c->swap = magic == 0xde120495u;
	if (magic != 0x950412deu && !c->swap)
		return -1;
	c->n = rd32(c, 8);
	c->orig_off = rd32(c, 12);
	c->trans_off = rd32(c, 16);
	if ((size_t)c->orig_off + 8ull * c->n > len || (size_t)c->trans_off + 8ull * c->n > len)
		return -1;
	for (uint32_t i = 0; i < c->n; i++) {
		uint32_t ol = rd32(c, c->orig_off + 8 * i), oo = rd32(c, c->orig_off + 8 * i + 4);
		uint32_t tl = rd32(c, c->trans_off + 8 * i), to = rd32(c, c->trans_off + 8 * i + 4);
		if ((size_t)oo + ol >= len || (size_t)to + tl >= len)
			return -1;
	}
	return 0;
}

int i18n_init(void)
{
	return load(&vi, (const unsigned char *)mo_vi, mo_vi_len);
}

static const char *lookup(const struct catalog *c, const char *msgid)
{
	uint32_t lo = 0, hi = c->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *orig = (const char *)c->data + rd32(c, c->orig_off + 8 * mid + 4);
		int cmp = strcmp(msgid, orig);
		if (cmp == 0) {
			uint32_t tl = rd32(c, c->trans_off + 8 * mid);
			const char *t = (const char *)c->data + rd32(c, c->trans_off + 8 * mid + 4);
			return tl ? t : msgid;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}

const char *i18n_get(const char *lang, const char *msgid)
{
	if (!msgid || !*msgid)
		return "";
	if (lang && lang[0] == 'v' && lang[1] == 'i' && vi.n)
		return lookup(&vi, msgid);
	return msgid;
}

/* The next conversion of a printf format after *p ("%zu" -> "zu"); 0 when
 * there is none. "%%" is skipped. */
static size_t next_conversion(const char **p, char *out, size_t cap)
{
	for (const char *s = *p; (s = strchr(s, '%'));) {
		if (s[1] == '%') {
			s += 2;
			continue;
		}
		size_t n = 0;
		s++;
		while (*s && !strchr("diouxXeEfFgGaAcspn", *s)) {
			if (n + 1 < cap)
				out[n++] = *s;
			s++;
		}
		if (!*s)
			return 0;
		if (n + 1 < cap)
			out[n++] = *s;
		out[n] = '\0';
		*p = s + 1;
		return n;
	}
	return 0;
}

int i18n_same_conversions(const char *a, const char *b)
{
	for (;;) {
		char ca[16], cb[16];
		size_t na = next_conversion(&a, ca, sizeof(ca));
		size_t nb = next_conversion(&b, cb, sizeof(cb));
		if (na != nb || (na && strcmp(ca, cb) != 0))
			return 0;
		if (!na)
			return 1;
	}
}

const char *i18n_get_format(const char *lang, const char *fmt)
{
	const char *t = i18n_get(lang, fmt);
	return t != fmt && i18n_same_conversions(fmt, t) ? t : fmt;
}

const char *i18n_pick(const char *tag)
{
	if (!tag)
		return "vi";
	while (*tag == ' ')
		tag++;
	if (strncasecmp(tag, "en", 2) == 0 && (tag[2] == '\0' || strchr("-_;, ", tag[2])))
		return "en";
	return "vi";
}
