-- Reports by smart type read smart_types.user_count instead of grouping a million users: every
-- statement that changes users.smart_type_id adjusts the counts by its own deltas.
CREATE OR REPLACE FUNCTION refresh_user_smart_types(p_user_ids bigint[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  changed integer;
BEGIN
  WITH target AS (SELECT DISTINCT unnest(p_user_ids) AS id),
  computed AS (
    SELECT u.id, u.smart_type_id AS old,
      (SELECT st.id
         FROM group_members gm
         JOIN smart_type_groups sg ON sg.group_id = gm.group_id
         JOIN smart_types st ON st.id = sg.smart_type_id
        WHERE gm.user_id = u.id
        ORDER BY st.position, st.id
        LIMIT 1) AS new
    FROM target t JOIN users u ON u.id = t.id
  ),
  upd AS (
    UPDATE users u SET smart_type_id = c.new
    FROM computed c
    WHERE u.id = c.id AND c.old IS DISTINCT FROM c.new
    RETURNING c.old, c.new
  ),
  deltas AS (
    SELECT id, sum(d) AS d FROM (
      SELECT new AS id, 1 AS d FROM upd WHERE new IS NOT NULL
      UNION ALL
      SELECT old, -1 FROM upd WHERE old IS NOT NULL
    ) x GROUP BY id
  ),
  counted AS (
    UPDATE smart_types st SET user_count = st.user_count + deltas.d
    FROM deltas WHERE st.id = deltas.id AND deltas.d <> 0
    RETURNING 1
  )
  SELECT count(*) INTO changed FROM upd;
  RETURN changed;
END
$$;
--> statement-breakpoint
CREATE FUNCTION users_smart_type_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE smart_types st SET user_count = st.user_count - d.n
  FROM (SELECT smart_type_id, count(*) AS n FROM old_rows WHERE smart_type_id IS NOT NULL GROUP BY smart_type_id) d
  WHERE st.id = d.smart_type_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_smart_type_del AFTER DELETE ON users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION users_smart_type_deleted();
--> statement-breakpoint
UPDATE smart_types st SET user_count = c.n
FROM (SELECT smart_type_id, count(*) AS n FROM users WHERE smart_type_id IS NOT NULL GROUP BY smart_type_id) c
WHERE st.id = c.smart_type_id;
