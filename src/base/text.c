#include "base/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- UTF-8 */

int utf8_valid(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp < 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

size_t utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Decode one code point of valid-or-not UTF-8; returns bytes used (>= 1)
 * and -1 in *cp for an invalid byte. */
static size_t next_cp(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n =
		utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
	if (n <= 0) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return (size_t)n;
}

char *text_nfc(struct arena *a, const char *s, size_t len)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		free(dst);
		return arena_strndup(a, s, len);
	}
	char *r = arena_strndup(a, (const char *)dst, (size_t)n);
	free(dst);
	return r;
}

/* ------------------------------------------------------------- cleaning */

static int is_space_cp(int32_t c)
{
	return c == ' ' || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) ||
	       c == 0x202F || c == 0x205F;
}

static int is_control_cp(int32_t c)
{
	/* noncharacters too (U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF): XML
	 * forbids some, and no one types them */
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029 ||
	       c == 0xFEFF || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

int text_has_control(const char *s, size_t len, unsigned flags)
{
	for (size_t i = 0; i < len;) {
		int32_t c;
		i += next_cp(s + i, len - i, &c);
		if ((flags & TEXT_MULTILINE) && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		if (c < 0 || is_control_cp(c))
			return 1;
	}
	return 0;
}

static void clean_single_line(struct buf *o, const char *s, size_t len, unsigned flags, int *bad)
{
	int pending_space = 0;
	for (size_t i = 0; i < len;) {
		int32_t c;
		size_t n = next_cp(s + i, len - i, &c);
		if (c == '\t' || is_space_cp(c)) {
			if (flags & TEXT_KEEP_SPACES) {
				if (o->len)
					buf_addch(o, ' ');
			} else {
				pending_space = o->len > 0;
			}
		} else if (is_control_cp(c)) {
			*bad = 1;
			return;
		} else {
			if (pending_space)
				buf_addch(o, ' ');
			pending_space = 0;
			buf_add(o, s + i, n);
		}
		i += n;
	}
	while (o->len && o->ptr[o->len - 1] == ' ')
		buf_truncate(o, o->len - 1);
}

static void clean_multi_line(struct buf *o, const char *s, size_t len, int *bad)
{
	size_t line_start = 0; /* in o: where the current line began */
	for (size_t i = 0; i < len;) {
		int32_t c;
		size_t n = next_cp(s + i, len - i, &c);
		if (c == '\r' && i + 1 < len && s[i + 1] == '\n') {
			i++;
			continue;
		}
		if (c == '\n' || c == '\r') {
			while (o->len > line_start && o->ptr[o->len - 1] == ' ')
				buf_truncate(o, o->len - 1);
			buf_addch(o, '\n');
			line_start = o->len;
		} else if (c == '\t') {
			buf_addch(o, '\t');
		} else if (is_control_cp(c)) {
			*bad = 1;
			return;
		} else {
			buf_add(o, s + i, n);
		}
		i += n;
	}
	/* trim white space and blank lines at both ends */
	size_t end = o->len;
	while (end &&
	       (o->ptr[end - 1] == ' ' || o->ptr[end - 1] == '\n' || o->ptr[end - 1] == '\t'))
		end--;
	buf_truncate(o, end);
	size_t start = 0;
	while (start < o->len && (o->ptr[start] == '\n' || o->ptr[start] == ' '))
		start++;
	if (start) {
		memmove(o->ptr, o->ptr + start, o->len - start);
		buf_truncate(o, o->len - start);
	}
}

int text_clean(struct arena *a, const char *in, size_t len, size_t max_chars, unsigned flags,
	       const char *field, const char **out, struct dv_err *err)
{
	*out = "";
	if (!in)
		len = 0;
	if (len && !utf8_valid(in, len))
		return dv_fail(err, DV_EINVAL, field, "This text is not valid UTF-8");
	if (len && memchr(in, '\0', len))
		return dv_fail(err, DV_EINVAL, field, "This text holds control characters");
	/* Refuse absurd input before doing any work on it: a character is at
	 * most 4 bytes, and NFC never makes Vietnamese text longer. */
	if (max_chars && len > max_chars * 4 + 64)
		return dv_fail(err, DV_EINVAL, field, "Too long: at most %zu characters",
			       max_chars);

	const char *nfc = len ? text_nfc(a, in, len) : "";
	struct buf o = BUF_INIT;
	int bad = 0;
	if (flags & TEXT_MULTILINE)
		clean_multi_line(&o, nfc, strlen(nfc), &bad);
	else
		clean_single_line(&o, nfc, strlen(nfc), flags, &bad);
	if (bad) {
		buf_release(&o);
		if (flags & TEXT_MULTILINE)
			return dv_fail(err, DV_EINVAL, field, "This text holds control characters");
		return dv_fail(err, DV_EINVAL, field, "This text must fit on one line");
	}
	if ((flags & TEXT_REQUIRED) && o.len == 0) {
		buf_release(&o);
		return dv_fail(err, DV_EINVAL, field, "This field is required");
	}
	if (max_chars && utf8_count(o.ptr, o.len) > max_chars) {
		buf_release(&o);
		return dv_fail(err, DV_EINVAL, field, "Too long: at most %zu characters",
			       max_chars);
	}
	*out = arena_strndup(a, o.ptr, o.len);
	buf_release(&o);
	return 0;
}

/* -------------------------------------------------------------- folding */

static void put_cp(struct buf *o, int32_t c)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(c, tmp);
	buf_add(o, tmp, (size_t)n);
}

/* What one code point folds to: *n code points in d (0 for a lone mark). */
static void fold_cp(int32_t c, utf8proc_int32_t d[8], utf8proc_ssize_t *n)
{
	int last = 0;
	if (c < 0x80) {
		d[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
		*n = 1;
		return;
	}
	if (c == 0x0110 || c == 0x0111) { /* Đ đ: a letter of its own, no decomposition */
		d[0] = 'd';
		*n = 1;
		return;
	}
	*n = utf8proc_decompose_char(c, d, 8,
				     UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &last);
	if (*n < 0 || *n > 8) {
		d[0] = c;
		*n = 1;
	}
}

/* The plain-letter form of one code point, case kept: the GSM alphabet of
 * a text message has no Vietnamese marks. '?' for what has none. */
static void ascii_cp(int32_t c, utf8proc_int32_t d[8], utf8proc_ssize_t *n)
{
	int last = 0;
	*n = 1;
	if (c < 0x80 || c == 0x0110 || c == 0x0111) {
		d[0] = c < 0x80 ? c : c == 0x0110 ? 'D' : 'd';
		return;
	}
	*n = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &last);
	if (*n == 0)
		return; /* a lone mark */
	if (*n < 0 || *n > 8 || d[0] >= 0x80 || d[0] < 0x20)
		d[0] = '?';
	*n = 1;
}

/* Append s with each code point in its `form`, white space runs collapsed
 * to one space and trimmed, control characters and invalid bytes dropped. */
static void words(struct buf *out, const char *s, size_t len,
		  void (*form)(int32_t c, utf8proc_int32_t d[8], utf8proc_ssize_t *n))
{
	size_t start = out->len;
	int pending_space = 0;
	for (size_t i = 0; i < len;) {
		int32_t c;
		i += next_cp(s + i, len - i, &c);
		/* line breaks and tabs separate words: test them before the
		 * other control characters, which are dropped */
		if (c == '\t' || c == '\n' || c == '\r' || is_space_cp(c)) {
			pending_space = out->len > start;
			continue;
		}
		if (c < 0 || is_control_cp(c))
			continue;
		utf8proc_int32_t d[8];
		utf8proc_ssize_t n;
		form(c, d, &n);
		if (n == 0)
			continue; /* a mark on its own folds to nothing, spaces included */
		if (pending_space)
			buf_addch(out, ' ');
		pending_space = 0;
		for (utf8proc_ssize_t k = 0; k < n; k++)
			put_cp(out, d[k]);
	}
}

void text_fold(struct buf *out, const char *s, size_t len)
{
	words(out, s, len, fold_cp);
}

void text_ascii(struct buf *out, const char *s, size_t len)
{
	words(out, s, len, ascii_cp);
}

char *text_fold_a(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	text_fold(&b, s, strlen(s));
	char *r = arena_strndup(a, b.ptr, b.len);
	buf_release(&b);
	return r;
}

char *text_like_contains(struct arena *a, const char *query)
{
	struct buf f = BUF_INIT, b = BUF_INIT;
	text_fold(&f, query ? query : "", query ? strlen(query) : 0);
	buf_addch(&b, '%');
	for (const char *p = f.ptr; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_addch(&b, '\\');
		buf_addch(&b, *p);
	}
	buf_addch(&b, '%');
	char *r = arena_strndup(a, b.ptr, b.len);
	buf_release(&f);
	buf_release(&b);
	return r;
}

/* ------------------------------------------------------------ sort keys */

/*
 * Primary weights, two digits each: 00 separates the primary part from the
 * tone part, 01 is a word break, 02-11 digits, 12.. letters in Vietnamese
 * alphabet order, 98 anything else.
 */
static const char vn_letters[] = "a\1\2bcd\3e\4fghijklmno\5\6pqrstu\7vwxyz";
/* \1 = ă, \2 = â, \3 = đ, \4 = ê, \5 = ô, \6 = ơ, \7 = ư */

static int letter_rank(int ch)
{
	const char *p = strchr(vn_letters, ch);
	return p && ch ? 12 + (int)(p - vn_letters) : 98;
}

/* Map one code point to its letter (in vn_letters' encoding) and tone. */
static void classify(int32_t c, int *letter, int *tone)
{
	*tone = 0;
	*letter = 0;
	if (c == 0x0110 || c == 0x0111) {
		*letter = 3;
		return;
	}
	utf8proc_int32_t d[8];
	int last = 0;
	utf8proc_ssize_t n =
		utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &last);
	if (n <= 0 || n > 8 || d[0] >= 0x80) {
		*letter = -1;
		return;
	}
	int base = (int)d[0];
	if (base >= 'A' && base <= 'Z')
		base += 32;
	for (utf8proc_ssize_t k = 1; k < n; k++) {
		switch (d[k]) {
		case 0x0306:
			if (base == 'a')
				base = 1;
			break; /* breve */
		case 0x0302:
			base = base == 'a' ? 2 : base == 'e' ? 4 : base == 'o' ? 5 : base;
			break;
		case 0x031B: base = base == 'o' ? 6 : base == 'u' ? 7 : base; break; /* horn */
		case 0x0300: *tone = 1; break;					     /* huyền */
		case 0x0309: *tone = 2; break;					     /* hỏi */
		case 0x0303: *tone = 3; break;					     /* ngã */
		case 0x0301: *tone = 4; break;					     /* sắc */
		case 0x0323: *tone = 5; break;					     /* nặng */
		default: break;
		}
	}
	*letter = base;
}

void text_sort_key(struct buf *out, const char *s, size_t len)
{
	/* compose first, so "e" + combining marks classify as one letter */
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfc,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m >= 0) {
		s = (const char *)nfc;
		len = (size_t)m;
	}
	struct buf tones = BUF_INIT;
	int pending_space = 0, any = 0;
	for (size_t i = 0; i < len;) {
		int32_t c;
		i += next_cp(s + i, len - i, &c);
		if (c < 0 || is_control_cp(c))
			continue;
		if (c == '\t' || c == '\n' || is_space_cp(c)) {
			pending_space = any;
			continue;
		}
		if (pending_space)
			buf_adds(out, "01");
		pending_space = 0;
		any = 1;
		int letter, tone;
		if (c >= '0' && c <= '9') {
			buf_addf(out, "%02d", 2 + (int)(c - '0'));
			continue;
		}
		classify(c, &letter, &tone);
		buf_addf(out, "%02d", letter < 0 ? 98 : letter_rank(letter));
		buf_addch(&tones, '0' + tone);
	}
	buf_adds(out, "00");
	buf_add(out, tones.ptr, tones.len);
	buf_release(&tones);
	free(nfc);
}

void text_name_sort_key(struct buf *out, const char *full_name)
{
	size_t len = strlen(full_name);
	while (len && full_name[len - 1] == ' ')
		len--;
	size_t sp = len;
	while (sp && full_name[sp - 1] != ' ')
		sp--;
	if (sp == 0) {
		text_sort_key(out, full_name, len);
		return;
	}
	struct buf r = BUF_INIT;
	buf_add(&r, full_name + sp, len - sp);
	buf_addch(&r, ' ');
	buf_add(&r, full_name, sp);
	text_sort_key(out, r.ptr, r.len);
	buf_release(&r);
}

char *text_name_sort_key_a(struct arena *a, const char *full_name)
{
	struct buf b = BUF_INIT;
	text_name_sort_key(&b, full_name);
	char *r = arena_strndup(a, b.ptr, b.len);
	buf_release(&b);
	return r;
}

size_t text_lines(struct arena *a, const char *s, const char **out, size_t max)
{
	size_t n = 0;
	for (const char *p = s ? s : ""; *p && n < max;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		out[n++] = arena_strndup(a, p, len);
		p += len + (nl != NULL);
	}
	return n;
}

char *text_upper_a(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen((const char *)p);
	for (utf8proc_ssize_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t n = utf8proc_iterate(p + i, len - i, &cp);
		if (n <= 0)
			break;
		buf_add(&b, enc, (size_t)utf8proc_encode_char(utf8proc_toupper(cp), enc));
		i += n;
	}
	char *out = arena_strndup(a, b.ptr ? b.ptr : "", b.len);
	buf_release(&b);
	return out;
}
