-- 014 reports: residents inspect and supervise (dân kiểm tra, dân giám sát).
-- Citizen reports of local problems, routed by category and unit to the
-- body that must act, with deadlines in working days, a public history and
-- the reporter's rating; the keys of the apps that file them through
-- Open311 GeoReport v2; and the People's Inspection Board of each ward or
-- commune, with its members, cases, findings and recommendations and the
-- authority's answers. Dates are YYYYMMDD integers, instants epoch seconds.

-- What residents report, kept as data a city administrator edits: code is
-- the Open311 service_code; ack_days and resolve_days are working days;
-- a private category (security, social evils) is seen only by the police
-- and the ward.
CREATE TABLE report_category (
	id @ID@,
	code TEXT NOT NULL UNIQUE,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	private INTEGER NOT NULL DEFAULT 0,
	ack_days INTEGER NOT NULL,
	resolve_days INTEGER NOT NULL,
	position INTEGER NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	updated_at BIGINT NOT NULL
);

-- A category's extra questions (Open311 attributes): datatype is one of
-- string, number, text, singlevaluelist; choices holds "key=name" lines.
CREATE TABLE report_question (
	id @ID@,
	category_id BIGINT NOT NULL REFERENCES report_category(id),
	code TEXT NOT NULL,
	datatype TEXT NOT NULL,
	required INTEGER NOT NULL DEFAULT 0,
	description TEXT NOT NULL,
	choices TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL,
	UNIQUE (category_id, code)
);

-- Who acts on reports: the ward's urban management, its police, the
-- environment, power and water companies, or the neighborhood head (kind
-- head: the heads of the report's community handle it). unit_id is the
-- area it serves (a ward, or the whole city).
CREATE TABLE report_body (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX report_body_unit ON report_body(unit_id);

-- The accounts that work a body's queue.
CREATE TABLE report_body_officer (
	body_id BIGINT NOT NULL REFERENCES report_body(id),
	account_id BIGINT NOT NULL REFERENCES account(id),
	added_by BIGINT,
	added_at BIGINT NOT NULL,
	removed_at BIGINT,
	PRIMARY KEY (body_id, account_id)
);
CREATE INDEX report_body_officer_account ON report_body_officer(account_id);

-- Routing: a report of a category in a unit goes to the body of the rule
-- on the nearest unit at or above it (a rule on a ward beats one on the
-- city). No rule: the ward's officers handle it themselves.
CREATE TABLE report_route (
	id @ID@,
	category_id BIGINT NOT NULL REFERENCES report_category(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	body_id BIGINT NOT NULL REFERENCES report_body(id),
	updated_by BIGINT,
	updated_at BIGINT NOT NULL,
	UNIQUE (category_id, unit_id)
);

-- A report. unit_id is the community it is in, ward_id its commune-level
-- unit (the sharding key). description is what the reporter wrote;
-- public_description what the public sees (the same, or an officer's
-- redaction: then the original is kept for the handling officers only).
-- The reporter's account, household and contact phone are never public.
-- lat_e6/lon_e6: the position in millionths of a degree. ack_due and
-- resolve_due are the days the deadlines end on. status_notes is the last
-- public response (Open311's status_notes), kept by the writes.
CREATE TABLE report (
	id @ID@,
	ward_id BIGINT NOT NULL REFERENCES unit(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	category_id BIGINT NOT NULL REFERENCES report_category(id),
	body_id BIGINT REFERENCES report_body(id),
	status TEXT NOT NULL,
	address TEXT NOT NULL,
	lat_e6 BIGINT,
	lon_e6 BIGINT,
	description TEXT NOT NULL,
	public_description TEXT NOT NULL,
	redacted INTEGER NOT NULL DEFAULT 0,
	media_url TEXT NOT NULL DEFAULT '',
	account_id BIGINT REFERENCES account(id),
	household_id BIGINT REFERENCES household(id),
	contact_phone TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL,
	app_id BIGINT,
	token TEXT NOT NULL UNIQUE,
	ack_due INTEGER NOT NULL,
	resolve_due INTEGER NOT NULL,
	acknowledged_at BIGINT,
	resolved_at BIGINT,
	closed_at BIGINT,
	reopened INTEGER NOT NULL DEFAULT 0,
	duplicate_of BIGINT REFERENCES report(id),
	public_reason TEXT NOT NULL DEFAULT '',
	status_notes TEXT NOT NULL DEFAULT '',
	supporters INTEGER NOT NULL DEFAULT 0,
	rating INTEGER,
	rating_comment TEXT NOT NULL DEFAULT '',
	rated_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX report_created ON report(created_at, id);
CREATE INDEX report_ward ON report(ward_id, created_at);
CREATE INDEX report_unit ON report(unit_id, created_at);
CREATE INDEX report_body_status ON report(body_id, status);
CREATE INDEX report_account ON report(account_id);

-- The answers to a category's questions.
CREATE TABLE report_answer (
	report_id BIGINT NOT NULL REFERENCES report(id),
	code TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (report_id, code)
);

-- The status history: each step with its public response.
CREATE TABLE report_event (
	id @ID@,
	report_id BIGINT NOT NULL REFERENCES report(id),
	ward_id BIGINT NOT NULL REFERENCES unit(id),
	kind TEXT NOT NULL,
	status TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	body_id BIGINT REFERENCES report_body(id),
	actor_id BIGINT,
	at BIGINT NOT NULL
);
CREATE INDEX report_event_report ON report_event(report_id, id);

-- Photos. file_id is the one the public sees; after a redaction the
-- original is kept in original_id for the handling officers.
CREATE TABLE report_file (
	report_id BIGINT NOT NULL REFERENCES report(id),
	file_id BIGINT NOT NULL REFERENCES file(id),
	position INTEGER NOT NULL,
	removed_at BIGINT,
	original_id BIGINT REFERENCES file(id),
	PRIMARY KEY (report_id, file_id)
);
CREATE INDEX report_file_file ON report_file(file_id);

-- "Tôi cũng gặp": one per household.
CREATE TABLE report_support (
	report_id BIGINT NOT NULL REFERENCES report(id),
	household_id BIGINT NOT NULL REFERENCES household(id),
	account_id BIGINT,
	at BIGINT NOT NULL,
	PRIMARY KEY (report_id, household_id)
);

-- Anonymous reports by client address, for throttling (kept a day).
CREATE TABLE report_attempt (
	ip TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX report_attempt_ip ON report_attempt(ip, at);

-- Apps that file reports through Open311: the key is shown once and
-- stored as its BLAKE2b hash.
CREATE TABLE report_app (
	id @ID@,
	name TEXT NOT NULL,
	key_hash TEXT NOT NULL UNIQUE,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	last_used_at BIGINT,
	revoked_at BIGINT
);

-- The People's Inspection Board of a ward or commune: forming until it is
-- constituted (enough members, one at least from each community).
CREATE TABLE inspection_board (
	id @ID@,
	ward_id BIGINT NOT NULL UNIQUE REFERENCES unit(id),
	status TEXT NOT NULL,
	constituted_at BIGINT,
	created_at BIGINT NOT NULL
);

-- A member, elected at a community meeting (a matter of type 5): unit_id
-- is the community, matter_id the election. left_at when dismissed.
CREATE TABLE inspection_member (
	id @ID@,
	board_id BIGINT NOT NULL REFERENCES inspection_board(id),
	ward_id BIGINT NOT NULL REFERENCES unit(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	name TEXT NOT NULL,
	position TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	left_at BIGINT
);
CREATE INDEX inspection_member_board ON inspection_member(board_id, left_at);

-- A case the board opens: from a report, a complaint or on its own. The
-- complainant's name is never public.
CREATE TABLE inspection_case (
	id @ID@,
	board_id BIGINT NOT NULL REFERENCES inspection_board(id),
	ward_id BIGINT NOT NULL REFERENCES unit(id),
	source TEXT NOT NULL,
	report_id BIGINT REFERENCES report(id),
	complainant TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL,
	subject TEXT NOT NULL,
	status TEXT NOT NULL,
	opened_on INTEGER NOT NULL,
	closed_on INTEGER,
	conclusion TEXT NOT NULL DEFAULT '',
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX inspection_case_board ON inspection_case(board_id, opened_on);

-- What the board checked, and what it found.
CREATE TABLE inspection_entry (
	id @ID@,
	case_id BIGINT NOT NULL REFERENCES inspection_case(id),
	ward_id BIGINT NOT NULL REFERENCES unit(id),
	kind TEXT NOT NULL,
	text TEXT NOT NULL,
	on_date INTEGER NOT NULL,
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX inspection_entry_case ON inspection_entry(case_id, id);

-- A recommendation to the authority, which must answer by the due day.
CREATE TABLE inspection_recommendation (
	id @ID@,
	case_id BIGINT NOT NULL REFERENCES inspection_case(id),
	ward_id BIGINT NOT NULL REFERENCES unit(id),
	text TEXT NOT NULL,
	sent_on INTEGER NOT NULL,
	due INTEGER NOT NULL,
	answer TEXT NOT NULL DEFAULT '',
	outcome TEXT NOT NULL DEFAULT '',
	answered_at BIGINT,
	answered_by BIGINT,
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX inspection_recommendation_case ON inspection_recommendation(case_id, id);
CREATE INDEX inspection_recommendation_ward ON inspection_recommendation(ward_id, sent_on);

-- The common categories, with deadlines a deployment may change.
INSERT INTO report_category (code, name_vi, name_en, description, private, ack_days, resolve_days, position, updated_at) VALUES
('pothole', 'Ổ gà, hư hỏng mặt đường', 'Potholes and damaged roads', 'Ổ gà, sụt lún, nắp cống hở trên đường và hẻm', 0, 1, 10, 1, 0),
('streetlight', 'Đèn đường hỏng', 'Broken street lights', 'Đèn đường, đèn hẻm không sáng hoặc chập chờn', 0, 1, 5, 2, 0),
('rubbish', 'Rác thải', 'Rubbish', 'Rác đổ bừa bãi, điểm tập kết rác quá tải', 0, 1, 3, 3, 0),
('flooding', 'Ngập nước', 'Flooding', 'Ngập sau mưa, cống thoát nước tắc', 0, 1, 10, 4, 0),
('pavement', 'Lấn chiếm vỉa hè', 'Pavements taken over', 'Buôn bán, để xe, vật dụng lấn chiếm vỉa hè, lòng đường', 0, 2, 10, 5, 0),
('noise', 'Tiếng ồn', 'Noise', 'Karaoke, công trình, cơ sở sản xuất gây ồn', 0, 1, 5, 6, 0),
('security', 'An ninh trật tự', 'Security and public order', 'Trộm cắp, gây rối, đối tượng khả nghi', 1, 1, 5, 7, 0),
('social_evils', 'Tệ nạn xã hội', 'Social evils', 'Ma túy, cờ bạc, mại dâm', 1, 1, 10, 8, 0),
('trees', 'Cây xanh', 'Trees', 'Cây ngã đổ, nhánh gãy, cây che khuất đèn, biển báo', 0, 1, 5, 9, 0),
('water', 'Cấp nước', 'Water supply', 'Mất nước, nước đục, vỡ ống', 0, 1, 3, 10, 0),
('other', 'Khác', 'Other', 'Vấn đề khác của khu phố', 0, 2, 15, 11, 0);

INSERT INTO report_question (category_id, code, datatype, required, description, choices, position)
SELECT id, 'pole', 'string', 0, 'Số hiệu cột đèn (nếu thấy)', '', 1 FROM report_category WHERE code = 'streetlight';
INSERT INTO report_question (category_id, code, datatype, required, description, choices, position)
SELECT id, 'depth', 'singlevaluelist', 0, 'Nước ngập sâu khoảng', 'ankle=Đến mắt cá chân
knee=Đến đầu gối
deeper=Sâu hơn', 1 FROM report_category WHERE code = 'flooding';
INSERT INTO report_question (category_id, code, datatype, required, description, choices, position)
SELECT id, 'hours', 'string', 0, 'Thường xảy ra vào giờ nào', '', 1 FROM report_category WHERE code = 'noise';
