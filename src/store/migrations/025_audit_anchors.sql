-- 025 audit anchors: how many of a chain's rows are anchors (chain 0's
-- audit.anchor rows). The page caches watch a chain's seq less its
-- anchors: an anchor records other chains' heads and changes no page.
ALTER TABLE audit_head ADD COLUMN anchors BIGINT NOT NULL DEFAULT 0;
UPDATE audit_head SET anchors = (SELECT COUNT(*) FROM audit a
	WHERE a.chain = audit_head.id AND a.action = 'audit.anchor');
