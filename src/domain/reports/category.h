/*
 * What residents report: the categories of citizen reports (ổ gà, đèn
 * đường hỏng, rác thải, ngập nước, ...), kept as data a city administrator
 * edits (ACT_CONFIGURE), each with its deadlines in working days (to
 * acknowledge, to resolve), whether it is private, and its extra questions.
 *
 * A category's code is its Open311 service_code; its questions are the
 * service definition's attributes. A private category (security, social
 * evils) makes every report of it "not found" for everyone but the police
 * (the handling body's officers), the ward's officers and the reporter.
 */
#ifndef DV_DOMAIN_REPORTS_CATEGORY_H
#define DV_DOMAIN_REPORTS_CATEGORY_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"

#define REPORT_CATEGORY_CODE_MAX 40
#define REPORT_CATEGORY_NAME_MAX 100
#define REPORT_CATEGORY_DESC_MAX 300
#define REPORT_DAYS_MAX		 60 /* working days, for either deadline */
#define REPORT_QUESTIONS_MAX	 10
#define REPORT_QUESTION_TEXT_MAX 3000 /* the questions as one text, in the form */
#define REPORT_QUESTION_DESC_MAX 200
#define REPORT_CHOICES_MAX	 20
#define REPORT_ANSWER_MAX	 200

/* The kinds of answer a question takes, named as Open311's datatypes. */
#define QUESTION_TYPES(X)                                                                          \
	X(QT_STRING, "string", N_("A short text"))                                                 \
	X(QT_NUMBER, "number", N_("A number"))                                                     \
	X(QT_TEXT, "text", N_("A longer text"))                                                    \
	X(QT_SINGLE, "singlevaluelist", N_("One of a list"))
DV_ENUM(question_type, QT_COUNT, QUESTION_TYPES);

struct report_choice {
	const char *key;
	const char *name;
};

struct report_question {
	int64_t id;
	const char *code; /* the Open311 attribute code */
	enum question_type type;
	int required;
	const char *description;
	size_t nchoices;
	struct report_choice *choices;
};

struct report_category {
	int64_t id;
	const char *code;
	const char *name_vi, *name_en;
	const char *description;
	int is_private;
	int ack_days, resolve_days; /* working days */
	int position;
	int active;
	int64_t updated_at;
	size_t nquestions; /* filled by report_category_get and _find */
	struct report_question *questions;
};

/* The category's name in lang ("vi" or "en"). */
const char *report_category_name(const struct report_category *c, const char *lang);

/* Every category, by position; inactive ones too when `all`. Questions are
 * not loaded. Arena array. */
int report_category_list(struct dv_ctx *ctx, int all, struct report_category **out, size_t *n);

/* One category with its questions; DV_ENOTFOUND if there is none. */
int report_category_get(struct dv_ctx *ctx, int64_t id, struct report_category *c);
/* The same by its code (an Open311 service_code). */
int report_category_find(struct dv_ctx *ctx, const char *code, struct report_category *c);

/*
 * A category as a form or the API gives it. `questions` is one question a
 * line: "code | datatype | required or optional | description | key=name;
 * key=name" (the choices for a singlevaluelist only), e.g.
 *   depth | singlevaluelist | optional | Nước ngập sâu khoảng | ankle=Mắt cá; knee=Đầu gối
 */
struct report_category_input {
	const char *code;
	const char *name_vi, *name_en;
	const char *description;
	int is_private;
	const char *ack_days, *resolve_days; /* whole numbers, 0..REPORT_DAYS_MAX */
	int active;
	const char *questions; /* NULL keeps them (on update) */
};

/* Add or change a category (ACT_CONFIGURE: a city administrator).
 * DV_EINVAL naming the field; DV_ECONFLICT for a code in use. */
int report_category_create(struct dv_ctx *ctx, const struct report_category_input *in, int64_t *id);
int report_category_update(struct dv_ctx *ctx, int64_t id, const struct report_category_input *in);

/* The questions of c as the form's text (the format above); arena string. */
const char *report_questions_text(struct dv_ctx *ctx, const struct report_category *c);

/* Check an answer to question q: 0 with the cleaned value in *out ("" for
 * none), or DV_EINVAL naming the question's code ("attribute[code]" in
 * Open311 terms): a required one missing, a number that is not one, a key
 * not in the list. */
int report_question_check(struct dv_ctx *ctx, const struct report_question *q, const char *value,
			  const char **out);

#endif
