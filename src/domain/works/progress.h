/*
 * A work's progress: milestones before, during and after the works, each
 * with its percentage and photos (domain/disclose/attachment.h: photos are
 * re-encoded without EXIF or GPS, with a thumbnail), and the invoices
 * attached to expenses. The latest milestone gives the work's progress.
 * Everything is public, as the work is.
 */
#ifndef DV_DOMAIN_WORKS_PROGRESS_H
#define DV_DOMAIN_WORKS_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "base/names.h"
#include "domain/ctx.h"
#include "domain/disclose/attachment.h"

#define MILESTONE_NOTE_MAX 1000
#define MILESTONES_MAX	   100

#define MILESTONE_STAGES(X)                                                                        \
	X(STAGE_BEFORE, "before", N_("Before the works"))                                          \
	X(STAGE_DURING, "during", N_("During the works"))                                          \
	X(STAGE_AFTER, "after", N_("After the works"))
DV_ENUM(milestone_stage, STAGE_COUNT, MILESTONE_STAGES);

struct milestone {
	int64_t id;
	enum milestone_stage stage;
	int percent;
	const char *note;
	int32_t on_date;
	int64_t recorded_at;
	size_t nfiles;
	struct attachment *files;
};

/* Record a milestone (ACT_MANAGE_WORKS), from planning until the work is
 * settled: percent 0..100, not below the work's progress so far; on_date
 * dd/mm/yyyy, not in the future (NULL or "" for today). */
int milestone_add(struct dv_ctx *ctx, int64_t work_id, const char *stage, const char *percent,
		  const char *note, const char *on_date, int64_t *id);

/* The milestones, oldest first, with their files. Public. */
int milestone_list(struct dv_ctx *ctx, int64_t work_id, struct milestone **out, size_t *n);

/* The work a milestone belongs to; DV_ENOTFOUND if none. */
int milestone_work(struct dv_ctx *ctx, int64_t milestone_id, int64_t *work_id);

/* The owners of the files: a milestone's photos, an expense's invoice. Who
 * may change them: the work's managers (and for an entry, who recorded it),
 * until the work is settled. */
extern const struct attach_owner milestone_attach;
extern const struct attach_owner entry_attach;

/* A file attached to one of the work's milestones or entries (public), or
 * its thumbnail. DV_ENOTFOUND otherwise. */
int work_file_read(struct dv_ctx *ctx, int64_t work_id, int64_t file_id, int thumb,
		   struct file_data *out);

#endif
