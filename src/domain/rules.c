#include "domain/rules.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/date.h"
#include "base/i18n.h"
#include "base/log.h"
#include "domain/perm.h"

static const struct rule_info rules[] = {
	[RULE_MEETING_QUORUM] = {"meeting_quorum",
				 N_("A community meeting is quorate with more than this share of "
				    "all household representatives present"),
				 "percent", N_("Law 10/2022/QH15, Art. 17; Decree 59/2023"), 50, 1, 99},
	[RULE_MOTION_MAJORITY] = {"motion_majority",
				  N_("A motion at a meeting passes with more than this share of "
				     "the representatives present agreeing"),
				  "percent", N_("Law 10/2022/QH15, Art. 17"), 50, 1, 99},
	[RULE_BALLOT_VALIDITY] = {"ballot_validity",
				  N_("A matter decided by household ballots or an online vote "
				     "passes with more than this share of all households agreeing"),
				  "percent", N_("Law 10/2022/QH15, Art. 17; Decree 59/2023"), 50, 1, 99},
	[RULE_COUNTERS_MIN] = {"counters_min", N_("Fewest members of a counting committee"),
			       "people", N_("Decree 59/2023"), 3, 1, 15},
	[RULE_COUNTERS_MAX] = {"counters_max", N_("Most members of a counting committee"),
			       "people", N_("Decree 59/2023"), 5, 1, 15},
	[RULE_HEAD_PLAN_DAYS] = {"head_plan_days",
				 N_("The plan for electing a community head is made at least this "
				    "many days before the election"),
				 "days", N_("Decree 59/2023"), 20, 1, 365},
	[RULE_HEAD_TEAM_DAYS] = {"head_team_days",
				 N_("The election team is set up at most this many days before the "
				    "election"),
				 "days", N_("Decree 59/2023"), 10, 1, 365},
	[RULE_HEAD_NOTICE_DAYS] = {"head_notice_days",
				   N_("The election is announced publicly at least this many days "
				      "before it"),
				   "days", N_("Decree 59/2023"), 7, 1, 365},
	[RULE_SUPERVISION_MIN] = {"supervision_min",
				  N_("A work's community investment supervision board has at "
				     "least this many members"),
				  "people", N_("Law 10/2022/QH15; Decree 59/2023"), 5, 1, 30},
	[RULE_SUPERVISION_RESIDENTS_MAX] = {"supervision_residents_max",
					    N_("At most this many of a supervision board's members "
					       "are residents elected at a community meeting"),
					    "people", N_("Law 10/2022/QH15; Decree 59/2023"), 5, 1,
					    30},
	[RULE_SUPERVISION_DEPUTIES_MAX] = {"supervision_deputies_max",
					   N_("A supervision board has at most this many deputy "
					      "heads"),
					   "people", N_("Law 10/2022/QH15; Decree 59/2023"), 2, 0,
					   10},
	[RULE_BOARD_MEMBERS_MIN] = {"board_members_min",
				    N_("A People's Inspection Board has at least this many members"),
				    "people", N_("Law 10/2022/QH15 (People's Inspection Board)"), 5,
				    1, 50},
	[RULE_BOARD_PER_COMMUNITY] = {"board_per_community",
				      N_("A People's Inspection Board has at least this many members "
					 "from each village or residential group"),
				      "people", N_("Law 10/2022/QH15 (People's Inspection Board)"),
				      1, 0, 10},
	[RULE_BOARD_ANSWER_DAYS] = {"board_answer_days",
				    N_("The authority answers a recommendation of the People's "
				       "Inspection Board within this many days"),
				    "days",
				    N_("Law 10/2022/QH15 requires an answer; the deadline is the "
				       "deployment's"),
				    15, 1, 90},
	[RULE_REPORT_CLOSE_DAYS] = {"report_close_days",
				    N_("A resolved report closes by itself this many days after its "
				       "resolution unless the reporter reopens it"),
				    "days", N_("danvan's default; the deployment's choice"), 14, 1, 90},
	[RULE_REPORT_REOPEN_DAYS] = {"report_reopen_days",
				     N_("The reporter may reopen a report within this many days of "
					"its resolution"),
				     "days", N_("danvan's default; the deployment's choice"), 30, 1,
				     365},
	/* ------------------------------------- emulation, titles, awards */
	[RULE_COUNCIL_QUORUM] = {"council_quorum",
				 N_("The emulation and commendation council meets with at least "
				    "this fraction of its members present"),
				 "fraction", N_("Decree 98/2023/NĐ-CP, the council's working rules"),
				 203, 101, 9999},
	[RULE_COUNCIL_MAJORITY] = {"council_majority",
				   N_("A nomination passes the council with more than this share "
				      "of the members present agreeing"),
				   "percent", N_("Law 06/2022/QH15; Decree 98/2023/NĐ-CP"), 50, 1,
				   99},
	[RULE_TITLE_MEETING_MAJORITY] = {"title_meeting_majority",
					 N_("The neighborhood proposes a household for Gia đình văn "
					    "hóa with more than this share of the representatives "
					    "present at its evaluation meeting agreeing"),
					 "percent", N_("Decree 86/2023/NĐ-CP, the procedure for "
						       "Gia đình văn hóa"),
					 50, 1, 99},
	[RULE_TITLE_DEADLINE] = {"title_deadline",
				 N_("The chairman decides the year's cultural titles by this date"),
				 "date", N_("Decree 86/2023/NĐ-CP"), 1125, 101, 1231},
	[RULE_TITLE_PUBLISH_DAYS] = {"title_publish_days",
				     N_("The list of cultural titles is published within this many "
					"days of the decision"),
				     "days", N_("Decree 86/2023/NĐ-CP"), 15, 1, 365},
	/* ------------------------------------------------------------- plans */
	[RULE_PLAN_DEADLINE] = {"plan_deadline",
				N_("A unit adopts its plan of mass mobilization work for the year "
				   "by this date of the year"),
				"date", N_("danvan's default; the deployment's choice"), 131, 101,
				1231},
	[RULE_TASK_SOON_DAYS] = {"task_soon_days",
				 N_("A task is shown as due soon on its owner's page this many days "
				    "before its deadline"),
				 "days", N_("danvan's default; the deployment's choice"), 7, 1, 90},
	[RULE_PERIODIC_MONTH_DAYS] = {"periodic_month_days",
				      N_("A monthly report is due this many days after the month "
					 "ends"),
				      "days",
				      N_("Decree 09/2019/NĐ-CP on the reporting regime leaves the "
					 "deadline to whoever sets the report; danvan's default"),
				      5, 0, 60},
	[RULE_PERIODIC_QUARTER_DAYS] = {"periodic_quarter_days",
					N_("A quarterly report is due this many days after the "
					   "quarter ends"),
					"days",
					N_("Decree 09/2019/NĐ-CP on the reporting regime leaves the "
					   "deadline to whoever sets the report; danvan's default"),
					10, 0, 90},
	[RULE_PERIODIC_HALF_DAYS] = {"periodic_half_days",
				     N_("A six-month report is due this many days after the half "
					"year ends"),
				     "days",
				     N_("Decree 09/2019/NĐ-CP on the reporting regime leaves the "
					"deadline to whoever sets the report; danvan's default"),
				     10, 0, 90},
	[RULE_PERIODIC_YEAR_DAYS] = {"periodic_year_days",
				     N_("An annual report is due this many days after the year "
					"ends"),
				     "days",
				     N_("Decree 09/2019/NĐ-CP on the reporting regime leaves the "
					"deadline to whoever sets the report; danvan's default"),
				     15, 0, 120},
	[RULE_REVIEW_DEADLINE] = {"review_deadline",
				  N_("The year-end review of mass mobilization work is made final "
				     "by this date of the following year"),
				  "date", N_("danvan's default; the deployment's choice"), 228, 101,
				  1231},
};
_Static_assert(ARRAY_LEN(rules) == RULE_COUNT, "every rule has its default and basis");

const struct rule_info *rule_info(enum rule r)
{
	return (unsigned)r < RULE_COUNT ? &rules[r] : NULL;
}

int64_t rule_value(struct dv_ctx *ctx, enum rule r)
{
	const struct rule_info *ri = rule_info(r);
	int64_t v = 0;
	struct dv_err err = {0};
	if (!ri)
		return 0;
	int rc = db_int(ctx->db, &v, &err, "SELECT value FROM rule_setting WHERE key = $1",
			DB_T(ri->key));
	if (rc == 0)
		return v;
	if (rc != DV_ENOTFOUND)
		log_error("rule %s: %s", ri->key, err.msg);
	return ri->legal;
}

static int set_tx(struct dv_ctx *ctx, const struct rule_info *ri, int64_t value)
{
	int rc = db_run(ctx->db, &ctx->err,
			"INSERT INTO rule_setting (key, value, updated_by, updated_at) "
			"VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE SET value = $2, "
			"updated_by = $3, updated_at = $4",
			DB_T(ri->key), DB_I(value), DB_ID(ctx->actor->account_id), DB_I(ctx->now));
	if (!rc)
		rc = ctx_audit(ctx, "rule.set", "rule", 0, 0,
			       json_pack("{s:s, s:I}", "key", ri->key, "value", (json_int_t)value));
	return rc;
}

int rule_set(struct dv_ctx *ctx, enum rule r, int64_t value)
{
	const struct rule_info *ri = rule_info(r);
	if (!ri)
		return dv_fail(&ctx->err, DV_EINVAL, "rule", "No such rule");
	if (!perm_may_somewhere(ctx, ACT_CONFIGURE))
		return dv_fail(&ctx->err, DV_EPERM, NULL,
			       "Only a city administrator may change the rules");
	if (!strcmp(ri->unit, "fraction")) {
		int64_t num, den;
		rule_fraction(value, &num, &den);
		if (value < ri->min || value > ri->max || num < 1 || den < 1 || num > den)
			return dv_fail(&ctx->err, DV_EINVAL, ri->key,
				       "Write a fraction from 1/99 to 1/1, such as 2/3");
	} else if (!strcmp(ri->unit, "date")) {
		if (!date_valid(2023, (int)(value / 100), (int)(value % 100)))
			return dv_fail(&ctx->err, DV_EINVAL, ri->key,
				       "Write a day of the year, such as 25/11");
	} else if (value < ri->min || value > ri->max) {
		return dv_fail(&ctx->err, DV_EINVAL, ri->key, "The value must be from %lld to %lld",
			       (long long)ri->min, (long long)ri->max);
	}
	if ((r == RULE_REPORT_CLOSE_DAYS && value > rule_value(ctx, RULE_REPORT_REOPEN_DAYS)) ||
	    (r == RULE_REPORT_REOPEN_DAYS && value < rule_value(ctx, RULE_REPORT_CLOSE_DAYS)))
		return dv_fail(&ctx->err, DV_EINVAL, ri->key,
			       "A report cannot close by itself after the time it may be reopened in");
	if ((r == RULE_COUNTERS_MIN && value > rule_value(ctx, RULE_COUNTERS_MAX)) ||
	    (r == RULE_COUNTERS_MAX && value < rule_value(ctx, RULE_COUNTERS_MIN)))
		return dv_fail(&ctx->err, DV_EINVAL, ri->key,
			       "The fewest members of a committee cannot be more than the most");
	int rc = ctx_begin(ctx);
	return rc ? rc : ctx_end(ctx, set_tx(ctx, ri, value));
}

int rule_exceeds(int64_t part, int64_t whole, int64_t percent)
{
	return whole > 0 && part * 100 > whole * percent;
}

void rule_fraction(int64_t value, int64_t *num, int64_t *den)
{
	*num = value / 100;
	*den = value % 100;
}

int rule_reaches(int64_t part, int64_t whole, int64_t value)
{
	int64_t num, den;
	rule_fraction(value, &num, &den);
	return whole > 0 && den > 0 && part * den >= whole * num;
}

int32_t rule_date_in(int64_t value, int y)
{
	return date_ymd(y, (int)(value / 100), (int)(value % 100));
}

const char *rule_format(struct arena *a, const char *lang, enum rule r, int64_t v)
{
	const struct rule_info *ri = rule_info(r);
	if (!ri)
		return "";
	if (!strcmp(ri->unit, "percent"))
		return arena_printf(a, "%lld%%", (long long)v);
	if (!strcmp(ri->unit, "fraction"))
		return arena_printf(a, "%lld/%lld", (long long)(v / 100), (long long)(v % 100));
	if (!strcmp(ri->unit, "date"))
		return arena_printf(a, "%02lld/%02lld", (long long)(v % 100), (long long)(v / 100));
	return arena_printf(a, "%lld%s", (long long)v,
			    i18n_get(lang, !strcmp(ri->unit, "days") ? N_(" days") : N_(" people")));
}

/* "2/3" for a fraction, "25/11" for a date (day first, as people write
 * it): the stored whole number in *v; 0 when s does not read so. */
static int parse_pair(const char *s, int day_first, long long *v)
{
	char *end;
	long long a = strtoll(s, &end, 10);
	if (end == s || *end != '/' || a < 0 || a > 99)
		return 0;
	const char *t = end + 1;
	long long b = strtoll(t, &end, 10);
	if (end == t || *end || b < 0 || b > 99)
		return 0;
	*v = day_first ? b * 100 + a : a * 100 + b;
	return 1;
}

int rule_set_text(struct dv_ctx *ctx, const char *key, const char *value)
{
	char *end;
	for (int i = 0; key && i < RULE_COUNT; i++) {
		if (strcmp(rules[i].key, key))
			continue;
		long long v = 0;
		int pair = !strcmp(rules[i].unit, "fraction") || !strcmp(rules[i].unit, "date");
		if (value && *value && pair && strchr(value, '/')) {
			if (!parse_pair(value, rules[i].unit[0] == 'd', &v)) {
				if (rules[i].unit[0] == 'd')
					return dv_fail(&ctx->err, DV_EINVAL, "value",
						       "Write a day of the year, such as 25/11");
				return dv_fail(&ctx->err, DV_EINVAL, "value",
					       "Write a fraction, such as 2/3");
			}
			return rule_set(ctx, (enum rule)i, v);
		}
		v = value && *value ? strtoll(value, &end, 10) : 0;
		return !value || !*value || *end
			       ? dv_fail(&ctx->err, DV_EINVAL, "value", "Write a whole number")
			       : rule_set(ctx, (enum rule)i, v);
	}
	return dv_fail(&ctx->err, DV_EINVAL, "value", "No such rule");
}
