-- bench/grow_registry.sql: grow a demo city's registry to :want households
-- on PostgreSQL, for measuring pages at a size the demo takes too long to
-- build household by household (bench/scale.sh -n 1000000).
--
--   psql -v want=1000000 -f bench/grow_registry.sql postgres://.../city
--
-- The demo's households are copied, round robin in id order, until there
-- are :want: each copy keeps its unit, ward, address and people (names
-- repeat, as Vietnamese names do), with the code "<code>-<copy>" and new
-- ids; its representative is its own copy of the head. Then the units'
-- counts are recounted (a unit counts the households below it) and the
-- tables vacuumed and analyzed. Only the registry grows: notices, matters, works and
-- reports stay the demo's.
\set ON_ERROR_STOP on
SELECT set_config('danvan.want', :'want', false) \gset
BEGIN;
DO $grow$
DECLARE
	want bigint := current_setting('danvan.want')::bigint;
	base bigint;
	hmax bigint;
	rmax bigint;
	copies bigint;
	hcols text;
	hsel text;
	rcols text;
	rsel text;
BEGIN
	SELECT count(*), max(id) INTO base, hmax FROM household;
	SELECT max(id) INTO rmax FROM resident;
	IF base = 0 OR want <= base THEN
		RETURN;
	END IF;
	copies := (want - base + base - 1) / base;
	SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position),
	       string_agg(CASE column_name
			  WHEN 'id' THEN format('h.id + g * %s', hmax)
			  WHEN 'code' THEN 'h.code || ''-'' || g'
			  WHEN 'representative_id' THEN format('h.representative_id + g * %s', rmax)
			  ELSE 'h.' || quote_ident(column_name) END, ', ' ORDER BY ordinal_position)
	  INTO hcols, hsel
	  FROM information_schema.columns
	 WHERE table_schema = current_schema() AND table_name = 'household';
	EXECUTE format('INSERT INTO household (%s) SELECT %s FROM (SELECT *, row_number() '
		       'OVER (ORDER BY id) AS k FROM household) h, generate_series(1, %s) g '
		       'WHERE (g - 1) * %s + h.k <= %s', hcols, hsel, copies, base, want - base);
	SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position),
	       string_agg(CASE column_name
			  WHEN 'id' THEN format('r.id + g * %s', rmax)
			  WHEN 'household_id' THEN format('r.household_id + g * %s', hmax)
			  ELSE 'r.' || quote_ident(column_name) END, ', ' ORDER BY ordinal_position)
	  INTO rcols, rsel
	  FROM information_schema.columns
	 WHERE table_schema = current_schema() AND table_name = 'resident';
	EXECUTE format('INSERT INTO resident (%s) SELECT %s FROM resident r, '
		       'generate_series(1, %s) g WHERE r.id <= %s AND EXISTS (SELECT 1 FROM '
		       'household n WHERE n.id = r.household_id + g * %s)',
		       rcols, rsel, copies, rmax, hmax);
	PERFORM setval(pg_get_serial_sequence('household', 'id'), (SELECT max(id) FROM household));
	PERFORM setval(pg_get_serial_sequence('resident', 'id'), (SELECT max(id) FROM resident));
	UPDATE unit SET households = 0, residents = 0;
	UPDATE unit u SET households = c.n
	  FROM (SELECT t.ancestor, count(*) AS n FROM household h
		  JOIN unit_tree t ON t.descendant = h.unit_id
		 WHERE h.status = 'active' GROUP BY t.ancestor) c
	 WHERE u.id = c.ancestor;
	UPDATE unit u SET residents = c.n
	  FROM (SELECT t.ancestor, count(*) AS n FROM resident r
		  JOIN household h ON h.id = r.household_id
		  JOIN unit_tree t ON t.descendant = h.unit_id
		 WHERE h.status = 'active' AND r.status = 'present' GROUP BY t.ancestor) c
	 WHERE u.id = c.ancestor;
END
$grow$;
COMMIT;
-- now, rather than by autovacuum in the middle of a measurement
VACUUM (ANALYZE) household;
VACUUM (ANALYZE) resident;
VACUUM (ANALYZE) unit;
