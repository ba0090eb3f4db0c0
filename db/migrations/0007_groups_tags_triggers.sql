-- G1/T1 counts and G6 smart types, kept exact by statement-level triggers so that lists and reports never
-- count millions of memberships per request, and so every writer (bulk actions, invites, imports, user
-- deletes cascading) keeps users.smart_type_id right without having to remember to.
CREATE FUNCTION refresh_user_smart_types(p_user_ids bigint[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  changed integer;
BEGIN
  -- A user's smart type is the first (lowest position, then lowest id) whose groups contain the user.
  WITH target AS (SELECT DISTINCT unnest(p_user_ids) AS id),
  computed AS (
    SELECT t.id,
      (SELECT st.id
         FROM group_members gm
         JOIN smart_type_groups sg ON sg.group_id = gm.group_id
         JOIN smart_types st ON st.id = sg.smart_type_id
        WHERE gm.user_id = t.id
        ORDER BY st.position, st.id
        LIMIT 1) AS smart_type_id
    FROM target t
  )
  UPDATE users u SET smart_type_id = c.smart_type_id
  FROM computed c
  WHERE u.id = c.id AND u.smart_type_id IS DISTINCT FROM c.smart_type_id;
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END
$$;
--> statement-breakpoint
CREATE FUNCTION group_members_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE groups g SET member_count = g.member_count + d.n
    FROM (SELECT group_id, count(*) AS n FROM new_rows GROUP BY group_id) d
    WHERE g.id = d.group_id;
    IF EXISTS (SELECT 1 FROM new_rows r JOIN smart_type_groups sg ON sg.group_id = r.group_id) THEN
      PERFORM refresh_user_smart_types(ARRAY(SELECT DISTINCT r.user_id FROM new_rows r JOIN smart_type_groups sg ON sg.group_id = r.group_id));
    END IF;
  ELSE
    UPDATE groups g SET member_count = g.member_count - d.n
    FROM (SELECT group_id, count(*) AS n FROM old_rows GROUP BY group_id) d
    WHERE g.id = d.group_id;
    -- Removed members of typed groups, and anyone still carrying a type (their group may have just been deleted).
    PERFORM refresh_user_smart_types(ARRAY(
      SELECT DISTINCT r.user_id FROM old_rows r
      WHERE EXISTS (SELECT 1 FROM smart_type_groups sg WHERE sg.group_id = r.group_id)
         OR EXISTS (SELECT 1 FROM users u WHERE u.id = r.user_id AND u.smart_type_id IS NOT NULL)));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER group_members_ins AFTER INSERT ON group_members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION group_members_changed();
--> statement-breakpoint
CREATE TRIGGER group_members_del AFTER DELETE ON group_members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION group_members_changed();
--> statement-breakpoint
CREATE FUNCTION user_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE tags t SET user_count = t.user_count + d.n
    FROM (SELECT tag_id, count(*) AS n FROM new_rows GROUP BY tag_id) d
    WHERE t.id = d.tag_id;
  ELSE
    UPDATE tags t SET user_count = t.user_count - d.n
    FROM (SELECT tag_id, count(*) AS n FROM old_rows GROUP BY tag_id) d
    WHERE t.id = d.tag_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER user_tags_ins AFTER INSERT ON user_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION user_tags_changed();
--> statement-breakpoint
CREATE TRIGGER user_tags_del AFTER DELETE ON user_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION user_tags_changed();
