-- 005 notices: what residents must know (dân biết, Law 10/2022 Art. 11-13).
-- Public disclosure notices with their legal duties and versions, the reach
-- of each notice per household, news articles, and the files attached to
-- both. Dates are YYYYMMDD integers, instants epoch seconds (see 001).

-- The law's disclosure list, kept as data a city administrator may edit:
-- each category says how long a notice must stay posted (min_days) and
-- through which channels it must go (notice_category_channel).
CREATE TABLE notice_category (
	id @ID@,
	code TEXT NOT NULL UNIQUE,
	law_item INTEGER,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	min_days INTEGER NOT NULL,
	position INTEGER NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	updated_at BIGINT NOT NULL
);

-- A channel a category's notices must go through: days is how many
-- consecutive days it runs (the loudspeaker), due_days how many days after
-- publication it must be done by.
CREATE TABLE notice_category_channel (
	category_id BIGINT NOT NULL REFERENCES notice_category(id),
	channel TEXT NOT NULL,
	days INTEGER NOT NULL DEFAULT 1,
	due_days INTEGER NOT NULL,
	PRIMARY KEY (category_id, channel)
);

-- A notice covers a unit and its subtree. ward_id is its commune-level unit
-- (NULL above the ward level), the sharding key. version counts published
-- versions; reached is kept up to date by the writes to notice_reach.
CREATE TABLE notice (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	category_id BIGINT NOT NULL REFERENCES notice_category(id),
	status TEXT NOT NULL DEFAULT 'draft',
	version INTEGER NOT NULL DEFAULT 0,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	visible_from INTEGER NOT NULL,
	visible_until INTEGER,
	min_days INTEGER NOT NULL,
	reached BIGINT NOT NULL DEFAULT 0,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	published_at BIGINT,
	archived_at BIGINT
);
CREATE INDEX notice_unit ON notice(unit_id, status, visible_from);
CREATE INDEX notice_status ON notice(status, visible_from);

-- Every published version, as it was shown: the history is public.
CREATE TABLE notice_version (
	notice_id BIGINT NOT NULL REFERENCES notice(id),
	version INTEGER NOT NULL,
	category_id BIGINT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	visible_from INTEGER NOT NULL,
	visible_until INTEGER,
	files TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	changed_by BIGINT,
	changed_at BIGINT NOT NULL,
	PRIMARY KEY (notice_id, version)
);

-- The checklist of a published notice, copied from its category when it is
-- published: done_on is the day it was done (the first day, for a channel
-- that runs several days), recorded by done_by at done_at.
CREATE TABLE notice_duty (
	notice_id BIGINT NOT NULL REFERENCES notice(id),
	channel TEXT NOT NULL,
	days INTEGER NOT NULL,
	due_date INTEGER NOT NULL,
	done_on INTEGER,
	done_by BIGINT,
	done_at BIGINT,
	note TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (notice_id, channel)
);
CREATE INDEX notice_duty_open ON notice_duty(due_date) WHERE done_on IS NULL;

-- Which households a notice reached, how (online, paper, meeting) and when.
-- unit_id is the household's unit when it was reached; notice_reach_count
-- keeps the number per unit, so the reach page reads one row per unit.
CREATE TABLE notice_reach (
	notice_id BIGINT NOT NULL REFERENCES notice(id),
	household_id BIGINT NOT NULL REFERENCES household(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	how TEXT NOT NULL,
	reached_on INTEGER NOT NULL,
	recorded_by BIGINT,
	recorded_at BIGINT NOT NULL,
	PRIMARY KEY (notice_id, household_id)
);
CREATE INDEX notice_reach_household ON notice_reach(household_id);

CREATE TABLE notice_reach_count (
	notice_id BIGINT NOT NULL REFERENCES notice(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	reached BIGINT NOT NULL,
	PRIMARY KEY (notice_id, unit_id)
);

-- News articles: a section ("politics", "economy", ...), a lead, a Markdown
-- body and a byline.
CREATE TABLE article (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	section TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft',
	title TEXT NOT NULL,
	lead TEXT NOT NULL,
	body TEXT NOT NULL,
	byline TEXT NOT NULL,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	published_at BIGINT
);
CREATE INDEX article_unit ON article(unit_id, status, published_at);
CREATE INDEX article_status ON article(status, published_at);

-- Attached files: PDFs as uploaded, photos re-encoded without metadata, with
-- a thumbnail. The type comes from the content, never from the name.
CREATE TABLE file (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	name TEXT NOT NULL,
	mime TEXT NOT NULL,
	size BIGINT NOT NULL,
	width INTEGER NOT NULL DEFAULT 0,
	height INTEGER NOT NULL DEFAULT 0,
	data @BLOB@ NOT NULL,
	thumb @BLOB@,
	created_by BIGINT,
	created_at BIGINT NOT NULL
);

CREATE TABLE notice_file (
	notice_id BIGINT NOT NULL REFERENCES notice(id),
	file_id BIGINT NOT NULL REFERENCES file(id),
	position INTEGER NOT NULL,
	removed_at BIGINT,
	PRIMARY KEY (notice_id, file_id)
);
CREATE INDEX notice_file_file ON notice_file(file_id);

CREATE TABLE article_file (
	article_id BIGINT NOT NULL REFERENCES article(id),
	file_id BIGINT NOT NULL REFERENCES file(id),
	position INTEGER NOT NULL,
	caption TEXT NOT NULL DEFAULT '',
	removed_at BIGINT,
	PRIMARY KEY (article_id, file_id)
);
CREATE INDEX article_file_file ON article_file(file_id);

-- The disclosure list of Art. 11 as seeded. Every notice must be posted for
-- at least 30 days and appear on the web portal (this site); items about
-- land, funds, social support, boundaries, inspections and fees also go on
-- the loudspeaker for 3 consecutive days (Art. 12).
INSERT INTO notice_category (code, law_item, name_vi, name_en, min_days, position, updated_at) VALUES
('policy', 1, 'Chủ trương, chính sách, pháp luật liên quan trực tiếp đến người dân', 'Policies and laws that directly concern residents', 30, 1, 0),
('procedures', 2, 'Thủ tục hành chính và quy trình giải quyết công việc', 'Administrative procedures and how requests are handled', 30, 2, 0),
('plan', 3, 'Kế hoạch phát triển kinh tế – xã hội hằng năm', 'Annual socio-economic development plan', 30, 3, 0),
('budget', 4, 'Dự toán, tình hình thực hiện và quyết toán ngân sách', 'Budget estimate, execution reports and final accounts', 30, 4, 0),
('investment', 5, 'Chương trình, dự án đầu tư trên địa bàn', 'Investment programmes and projects in the area', 30, 5, 0),
('zoning', 6, 'Quy hoạch, kế hoạch sử dụng đất', 'Zoning and land use plans', 30, 6, 0),
('land', 7, 'Thu hồi đất, bồi thường, hỗ trợ, tái định cư', 'Land recovery, compensation, support and resettlement', 30, 7, 0),
('funds', 8, 'Quản lý, sử dụng các quỹ và khoản đóng góp của Nhân dân', 'Funds and residents'' contributions: how they are managed and spent', 30, 8, 0),
('welfare', 9, 'Đối tượng, mức hưởng chính sách an sinh xã hội; hộ nghèo, cận nghèo', 'Social support: who receives what; poor and near-poor households', 30, 9, 0),
('boundaries', 10, 'Thành lập, nhập, chia, điều chỉnh địa giới đơn vị hành chính', 'Creating, merging, splitting units and changing boundaries', 30, 10, 0),
('inspection', 11, 'Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo', 'Results of inspections and of complaints and denunciations', 30, 11, 0),
('fees', 12, 'Đối tượng, mức thu phí, lệ phí và nghĩa vụ tài chính khác', 'Fees, charges and other financial obligations', 30, 12, 0),
('consultation', 13, 'Kết quả lấy ý kiến Nhân dân và việc tiếp thu, giải trình', 'Results of consulting residents, and the answers given', 30, 13, 0),
('election', 14, 'Bầu, miễn nhiệm trưởng thôn, tổ trưởng tổ dân phố', 'Electing and dismissing community heads', 30, 14, 0);

INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'web', 1, 0 FROM notice_category;
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'post_committee', 1, 2 FROM notice_category;
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'post_community', 1, 5 FROM notice_category;
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'loudspeaker', 3, 7 FROM notice_category WHERE law_item BETWEEN 7 AND 12;
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'meeting', 1, 30 FROM notice_category WHERE law_item IN (3, 4, 5, 6, 13, 14);
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'household', 1, 10 FROM notice_category WHERE law_item IN (7, 8, 9);
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'sms', 1, 3 FROM notice_category WHERE law_item IN (7, 8, 9, 12);
