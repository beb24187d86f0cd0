CREATE SEQUENCE "public"."reports_change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "change_seq" bigint DEFAULT nextval('reports_change_seq') NOT NULL;--> statement-breakpoint
CREATE INDEX "reports_change_idx" ON "reports" USING btree ("helpline_id","change_seq");--> statement-breakpoint
-- Added by hand (drizzle-kit does not write triggers): every update of a report takes a new number.
CREATE FUNCTION reports_next_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('reports_change_seq');
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER reports_change_seq_on_update BEFORE UPDATE ON "reports" FOR EACH ROW EXECUTE FUNCTION reports_next_change_seq();
