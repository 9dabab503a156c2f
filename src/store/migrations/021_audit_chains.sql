-- 021 audit chains: one chain per commune-level unit (a ward or a commune),
-- plus the deployment's chain (0) for what belongs to no commune and for
-- the anchors: the deployment's chain periodically records each commune
-- chain's head, so the public head of chain 0 vouches for every chain.
-- A row's place is (chain, seq); id stays unique across chains but may skip
-- numbers on PostgreSQL (a sequence). The rows written before this
-- migration are chain 0, seq = id: their hashes are unchanged.
ALTER TABLE audit ADD COLUMN chain BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN seq BIGINT;
UPDATE audit SET seq = id;
CREATE UNIQUE INDEX audit_chain_seq ON audit (chain, seq);
-- the head of each chain; anchored is the seq last recorded in chain 0
ALTER TABLE audit_head ADD COLUMN anchored BIGINT NOT NULL DEFAULT 0;
UPDATE audit_head SET id = 0 WHERE id = 1;

-- @postgres
ALTER TABLE audit_head ALTER COLUMN id TYPE BIGINT;
CREATE SEQUENCE audit_id_seq;
SELECT setval('audit_id_seq', (SELECT COALESCE(MAX(id), 0) + 1 FROM audit), false);
ALTER TABLE audit ALTER COLUMN id SET DEFAULT nextval('audit_id_seq');
-- @end
