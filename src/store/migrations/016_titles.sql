-- 016 titles: cultural titles (Decree 86/2023/NĐ-CP) as data, the yearly
-- rounds a ward or city runs, the candidates with their evaluation, the
-- facts that exclude a household (never public), the community meetings
-- that evaluate households (decide's matters and meetings), and the
-- per-community tallies the public sees.

-- The titles: subject is household, community (a neighborhood, village or
-- residential group), commune (a ward or commune) or organization (an
-- agency); period_years how long a title holds; decider commune (the
-- chairman of the ward or commune) or above (the chairman of the level
-- above it); by_meeting 1 when a community meeting evaluates.
CREATE TABLE title_kind (
	code TEXT PRIMARY KEY,
	subject TEXT NOT NULL,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	period_years INTEGER NOT NULL,
	decider TEXT NOT NULL,
	by_meeting INTEGER NOT NULL,
	basis TEXT NOT NULL,
	position INTEGER NOT NULL
);

-- The criteria groups of each title, numbered.
CREATE TABLE title_criterion (
	kind TEXT NOT NULL REFERENCES title_kind(code),
	number INTEGER NOT NULL,
	text_vi TEXT NOT NULL,
	text_en TEXT NOT NULL,
	PRIMARY KEY (kind, number)
);

INSERT INTO title_kind (code, subject, name_vi, name_en, period_years, decider, by_meeting, basis, position) VALUES
('family', 'household', 'Gia đình văn hóa', 'Cultured family', 1, 'commune', 1, 'Nghị định 86/2023/NĐ-CP', 1),
('community', 'community', 'Thôn, Tổ dân phố văn hóa', 'Cultured village or residential group', 2, 'commune', 0, 'Nghị định 86/2023/NĐ-CP', 2),
('commune', 'commune', 'Xã, Phường, Thị trấn tiêu biểu', 'Exemplary commune or ward', 5, 'above', 0, 'Nghị định 86/2023/NĐ-CP', 3),
('agency', 'organization', 'Cơ quan, đơn vị đạt chuẩn văn hóa', 'Agency meeting the cultural standard', 1, 'above', 0, 'Tiêu chuẩn của thành phố', 4);

INSERT INTO title_criterion (kind, number, text_vi, text_en) VALUES
('family', 1, 'Các thành viên gương mẫu chấp hành chủ trương của Đảng, pháp luật của Nhà nước, hương ước, quy ước của cộng đồng', 'Its members abide by the Party''s policies, the law and the community''s rules'),
('family', 2, 'Tích cực tham gia phong trào thi đua, hoạt động văn hóa, giữ gìn vệ sinh môi trường nơi cư trú', 'Takes an active part in emulation movements, cultural activities and keeping the neighborhood clean'),
('family', 3, 'Gia đình no ấm, hòa thuận, tiến bộ; đoàn kết, tương trợ xóm giềng', 'A prosperous, harmonious and progressive family that helps its neighbors'),
('community', 1, 'Đời sống kinh tế ổn định, thu nhập bình quân đầu người tăng', 'A stable economic life with rising income per head'),
('community', 2, 'Đời sống văn hóa, tinh thần lành mạnh; tỷ lệ hộ đạt Gia đình văn hóa cao', 'A healthy cultural life; a high share of households holding Gia đình văn hóa'),
('community', 3, 'Môi trường xanh, sạch, đẹp; an ninh trật tự được giữ vững', 'A clean, green environment; public order kept'),
('community', 4, 'Thực hiện tốt dân chủ ở cơ sở; đoàn kết, tương trợ trong cộng đồng', 'Grassroots democracy carried out well; a community united and helpful'),
('commune', 1, 'Kinh tế phát triển, đời sống Nhân dân được nâng lên', 'A developing economy and rising living standards'),
('commune', 2, 'Văn hóa, xã hội phát triển; phong trào xây dựng đời sống văn hóa hiệu quả', 'Culture and society developing; an effective movement for a cultured life'),
('commune', 3, 'Quốc phòng, an ninh bảo đảm; hệ thống chính trị vững mạnh', 'Defence and security ensured; a strong political system'),
('agency', 1, 'Hoàn thành tốt nhiệm vụ chính trị được giao', 'Carries out its assigned tasks well'),
('agency', 2, 'Cán bộ, công chức chấp hành tốt kỷ luật, văn hóa công sở', 'Its staff keep discipline and office culture'),
('agency', 3, 'Môi trường làm việc văn minh, sạch đẹp, an toàn', 'A civil, clean and safe workplace'),
('agency', 4, 'Tham gia tích cực các phong trào thi đua, hoạt động xã hội tại địa phương', 'Takes part in the locality''s emulation movements and social activities');

-- A round: one title, one deciding unit (the ward, or the city), one year.
-- status open, decided (the chairman's decision recorded), published (its
-- list posted as a public notice, notice_id).
CREATE TABLE title_round (
	id @ID@,
	kind TEXT NOT NULL REFERENCES title_kind(code),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	year INTEGER NOT NULL,
	status TEXT NOT NULL DEFAULT 'open',
	decision_no TEXT NOT NULL DEFAULT '',
	decided_on INTEGER,
	signer TEXT NOT NULL DEFAULT '',
	notice_id BIGINT REFERENCES notice(id),
	published_on INTEGER,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	decided_at BIGINT,
	published_at BIGINT
);
CREATE UNIQUE INDEX title_round_once ON title_round(kind, unit_id, year);

-- A candidate: a household (evaluated by its community, unit_id), a
-- community or commune (unit_id the unit itself) or an organization
-- (unit_id its unit). status registered, proposed, not_proposed, excluded
-- or awarded. yes/no/abstain/present: the count at the community meeting,
-- with the majority in force then; note: the evaluation of a unit or an
-- agency against the criteria.
CREATE TABLE title_candidate (
	id @ID@,
	round_id BIGINT NOT NULL REFERENCES title_round(id),
	ward_id BIGINT REFERENCES unit(id),
	subject TEXT NOT NULL,
	ref BIGINT NOT NULL,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	name TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'registered',
	yes BIGINT,
	no BIGINT,
	abstain BIGINT,
	present BIGINT,
	majority INTEGER,
	note TEXT NOT NULL DEFAULT '',
	registered_on INTEGER NOT NULL,
	registered_by BIGINT,
	registered_at BIGINT NOT NULL,
	evaluated_at BIGINT
);
CREATE UNIQUE INDEX title_candidate_once ON title_candidate(round_id, subject, ref);
CREATE INDEX title_candidate_unit ON title_candidate(round_id, unit_id, status);
CREATE INDEX title_candidate_subject ON title_candidate(subject, ref, status);

-- What excludes a household outright (a member prosecuted, fined for
-- domestic violence, gambling or drugs...): recorded by an officer, seen
-- only by those who record them, never public.
CREATE TABLE title_exclusion (
	id @ID@,
	candidate_id BIGINT NOT NULL REFERENCES title_candidate(id),
	ward_id BIGINT REFERENCES unit(id),
	reason TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	recorded_by BIGINT,
	recorded_at BIGINT NOT NULL
);
CREATE INDEX title_exclusion_candidate ON title_exclusion(candidate_id);

-- The evaluation meeting of a community for a round: a matter of type 6
-- decided at a community meeting (007), and when its proposal went to the
-- ward.
CREATE TABLE title_meeting (
	round_id BIGINT NOT NULL REFERENCES title_round(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	proposed_at BIGINT,
	PRIMARY KEY (round_id, unit_id)
);

-- The public figures of a decided round, per community (or per unit of
-- the candidates): households there at the decision, registered, awarded.
CREATE TABLE title_tally (
	round_id BIGINT NOT NULL REFERENCES title_round(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	households BIGINT NOT NULL,
	registered BIGINT NOT NULL,
	awarded BIGINT NOT NULL,
	PRIMARY KEY (round_id, unit_id)
);

-- The list of a round is published as a notice of this category.
INSERT INTO notice_category (code, law_item, name_vi, name_en, min_days, position, updated_at)
VALUES ('titles', NULL, 'Công nhận danh hiệu văn hóa', 'Cultural titles awarded', 15, 20, 0);
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'web', 1, 0 FROM notice_category WHERE code = 'titles';
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'post_committee', 1, 2 FROM notice_category WHERE code = 'titles';
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'post_community', 1, 5 FROM notice_category WHERE code = 'titles';
