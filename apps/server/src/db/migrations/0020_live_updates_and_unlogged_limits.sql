-- Added by hand (drizzle-kit writes neither triggers nor UNLOGGED).
-- Counters that every replica shares (0019) need no crash safety: a lost count only ends a window
-- early. Unlogged tables skip the write-ahead log, so counting a request costs far less.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "sign_in_attempts" SET UNLOGGED;--> statement-breakpoint
-- Live updates for open consoles (apps/server/src/live): a notification on commit that a case changed
-- or a reporter's message arrived. It names ids only, never content; a console fetches what changed through the
-- audited routes. The channel carries the schema, so instances sharing a database do not hear each other.
CREATE FUNCTION live_notify_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('vangnet_live_' || TG_TABLE_SCHEMA,
    json_build_object('k', 'case', 'h', NEW.helpline_id, 'c', NEW.id)::text);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER reports_live_notify AFTER INSERT OR UPDATE ON "reports" FOR EACH ROW
  WHEN (NEW.visible_at IS NOT NULL) EXECUTE FUNCTION live_notify_case();--> statement-breakpoint
CREATE FUNCTION live_notify_message() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE helpline text;
BEGIN
  SELECT r.helpline_id INTO helpline FROM reports r WHERE r.id = NEW.report_id;
  PERFORM pg_notify('vangnet_live_' || TG_TABLE_SCHEMA,
    json_build_object('k', 'message', 'h', helpline, 'c', NEW.report_id)::text);
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- Only the reporter's messages: the helpline's own replies and notes are news to nobody watching.
CREATE TRIGGER messages_live_notify AFTER INSERT ON "messages" FOR EACH ROW
  WHEN (NEW.author = 'reporter') EXECUTE FUNCTION live_notify_message();
