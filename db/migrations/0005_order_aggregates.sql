-- users.order_count / total_spend_cents / last_order_at drive the order-history list filters, so they must
-- be exact after every write. Statement-level triggers recount the touched users from the covering index
-- (orders_user_placed_idx): exact under status changes, reassignment and deletes, and set-based for seeds.
-- As in Shopify, order_count and last_order_at count every order placed (so "has no orders" is exact and
-- safe for hard deletes); cancelled and refunded orders are not spend.
CREATE FUNCTION order_counts_as_spend(p_status order_status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT p_status NOT IN ('cancelled', 'refunded')
$$;
--> statement-breakpoint
CREATE FUNCTION refresh_user_order_aggregates(p_user_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  UPDATE users u
  SET order_count = s.n, total_spend_cents = s.spend, last_order_at = s.last_at
  FROM (
    SELECT a.user_id,
           count(o.id)::int AS n,
           coalesce(sum(o.total_cents) FILTER (WHERE order_counts_as_spend(o.status)), 0)::bigint AS spend,
           max(o.placed_at) AS last_at
    FROM (SELECT DISTINCT unnest(p_user_ids) AS user_id) a
    LEFT JOIN orders o ON o.user_id = a.user_id
    GROUP BY a.user_id
  ) s
  WHERE u.id = s.user_id
    AND (u.order_count, u.total_spend_cents, u.last_order_at) IS DISTINCT FROM (s.n, s.spend, s.last_at)
$$;
--> statement-breakpoint
CREATE FUNCTION orders_aggregates_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_user_order_aggregates(ARRAY(SELECT DISTINCT user_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_user_order_aggregates(ARRAY(SELECT DISTINCT user_id FROM old_rows));
  ELSE
    -- Only rows whose counted fields changed; an idempotent re-ingest touches nothing.
    PERFORM refresh_user_order_aggregates(ARRAY(
      SELECT n.user_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.user_id, n.total_cents, n.status, n.placed_at) IS DISTINCT FROM (o.user_id, o.total_cents, o.status, o.placed_at)
      UNION
      SELECT o.user_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.user_id <> o.user_id
    ));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orders_aggregates_ins AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orders_aggregates_trigger();
--> statement-breakpoint
CREATE TRIGGER orders_aggregates_upd AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orders_aggregates_trigger();
--> statement-breakpoint
CREATE TRIGGER orders_aggregates_del AFTER DELETE ON orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION orders_aggregates_trigger();
