DROP INDEX "users_last_active_id_idx";--> statement-breakpoint
CREATE INDEX "users_last_active_id_idx" ON "users" USING btree (coalesce("last_active_at", '-infinity'::timestamptz),"id");