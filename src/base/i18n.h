/*
 * Interface text in Vietnamese and English. msgids are English; po/vi.po
 * holds the Vietnamese, compiled by msgfmt at build time into a .mo catalog
 * that is built into the binary.
 *
 * Why not libintl's gettext(): it picks the language from the process or
 * thread locale, which needs a generated vi_VN locale on the machine and a
 * uselocale() dance per request. A request here names its language, so we
 * read the .mo catalog (a sorted table, searched by bisection) ourselves.
 */
#ifndef DV_BASE_I18N_H
#define DV_BASE_I18N_H

/* Marks a string for translation where it is defined (a table of labels);
 * it is translated where it is shown. `make po` collects the marked strings. */
#define N_(s) (s)

/* Load the built-in catalogs. 0, or -1 if a catalog is malformed. Call once
 * before threads start; lookups are read-only afterwards. */
int i18n_init(void);

/* The translation of msgid into lang ("vi", "en"); msgid itself when there is
 * none (English, or a string not yet translated). Never NULL. */
const char *i18n_get(const char *lang, const char *msgid);

/* Like i18n_get for a printf format: the translation is used only when its
 * conversions (%s, %d, %zu, ...) are the msgid's, in the same order, so a
 * mistranslated format can never read the wrong arguments. */
const char *i18n_get_format(const char *lang, const char *fmt);
/* Do two printf formats take the same arguments? */
int i18n_same_conversions(const char *a, const char *b);

/* "vi" or "en" for a language tag from a cookie, a query or Accept-Language
 * ("vi-VN", "en;q=0.8"...); "vi" when nothing matches. */
const char *i18n_pick(const char *tag);

#endif
