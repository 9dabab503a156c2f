#include "domain/notify_event.h"

int notify_event_add(struct dv_ctx *ctx, const char *kind, int64_t unit_id, int64_t ward_id,
		     const char *entity, int64_t entity_id, const char *title, const char *detail,
		     int64_t account_id)
{
	return db_run(ctx->db, &ctx->err,
		      "INSERT INTO notify_event (kind, unit_id, ward_id, entity, entity_id, title, "
		      "detail, account_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		      DB_T(kind), DB_I(unit_id), DB_ID(ward_id), DB_T(entity), DB_I(entity_id),
		      DB_T(title ? title : ""), DB_T(detail ? detail : ""), DB_ID(account_id),
		      DB_I(ctx->now));
}

int64_t notify_unread(struct dv_ctx *ctx, int64_t account_id)
{
	int64_t n = 0;
	struct dv_err err = {0};
	if (account_id && db_int(ctx->db, &n, &err,
				 "SELECT COUNT(*) FROM notify_inbox WHERE account_id = $1 AND "
				 "read_at IS NULL",
				 DB_I(account_id)))
		return 0;
	return n;
}
