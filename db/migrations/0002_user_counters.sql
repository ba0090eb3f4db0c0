-- U1 summary counts without scanning users: statement-level triggers keep per-key totals
-- ("active" is bucketed per UTC day of last activity so the expiry cut-off can move daily).
INSERT INTO settings (id) VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION user_counter_keys(
  p_subscribed boolean,
  p_sub_confirmed timestamptz,
  p_loginable boolean,
  p_email_confirmed timestamptz,
  p_last_active timestamptz,
  p_created timestamptz
) RETURNS TABLE (key text, day timestamp) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'all'::text, timestamp '1970-01-01'
  UNION ALL
  SELECT CASE WHEN p_sub_confirmed IS NULL THEN 'sub_unconfirmed' ELSE 'sub_confirmed' END, timestamp '1970-01-01'
  WHERE p_subscribed
  UNION ALL
  SELECT CASE WHEN p_email_confirmed IS NULL THEN 'login_unconfirmed' ELSE 'login_confirmed' END,
         date_trunc('day', coalesce(p_last_active, p_created) AT TIME ZONE 'UTC')
  WHERE p_loginable
$$;
--> statement-breakpoint
CREATE FUNCTION users_counters_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO user_counters AS c (key, day, n)
    SELECT k.key, k.day, count(*)
    FROM new_rows r,
         LATERAL user_counter_keys(r.subscribed, r.subscription_confirmed_at, r.loginable, r.email_confirmed_at, r.last_active_at, r.created_at) k
    GROUP BY k.key, k.day
    ORDER BY k.key, k.day
    ON CONFLICT (key, day) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO user_counters AS c (key, day, n)
    SELECT k.key, k.day, -count(*)
    FROM old_rows r,
         LATERAL user_counter_keys(r.subscribed, r.subscription_confirmed_at, r.loginable, r.email_confirmed_at, r.last_active_at, r.created_at) k
    GROUP BY k.key, k.day
    ORDER BY k.key, k.day
    ON CONFLICT (key, day) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO user_counters AS c (key, day, n)
    SELECT key, day, sum(d)
    FROM (
      SELECT k.key, k.day, 1 AS d
      FROM new_rows r,
           LATERAL user_counter_keys(r.subscribed, r.subscription_confirmed_at, r.loginable, r.email_confirmed_at, r.last_active_at, r.created_at) k
      UNION ALL
      SELECT k.key, k.day, -1 AS d
      FROM old_rows r,
           LATERAL user_counter_keys(r.subscribed, r.subscription_confirmed_at, r.loginable, r.email_confirmed_at, r.last_active_at, r.created_at) k
    ) deltas
    GROUP BY key, day
    HAVING sum(d) <> 0
    ORDER BY key, day
    ON CONFLICT (key, day) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_counters_ins AFTER INSERT ON users
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION users_counters_trigger();
--> statement-breakpoint
CREATE TRIGGER users_counters_upd AFTER UPDATE ON users
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION users_counters_trigger();
--> statement-breakpoint
CREATE TRIGGER users_counters_del AFTER DELETE ON users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION users_counters_trigger();
