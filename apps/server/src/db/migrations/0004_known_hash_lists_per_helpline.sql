-- Known-hash lists belong to one helpline, not to a country: an administrator of another helpline on
-- the same server must neither see nor replace them. Existing lists go to the helpline the server
-- uses for their country (the oldest one, as ensureHelpline picks); a country without a helpline yet
-- (a list imported with the CLI before the first start) gets one, named after the country.
ALTER TABLE "known_hash_lists" DROP CONSTRAINT "known_hash_lists_source_version";--> statement-breakpoint
DROP INDEX "known_hash_lists_active_idx";--> statement-breakpoint
ALTER TABLE "known_hash_lists" ADD COLUMN "helpline_id" text;--> statement-breakpoint
INSERT INTO "helplines" ("id", "country", "name")
	SELECT gen_random_uuid()::text, l."country", l."country"
	FROM (SELECT DISTINCT "country" FROM "known_hash_lists") l
	WHERE NOT EXISTS (SELECT 1 FROM "helplines" h WHERE h."country" = l."country");--> statement-breakpoint
UPDATE "known_hash_lists" l SET "helpline_id" = (
	SELECT h."id" FROM "helplines" h WHERE h."country" = l."country" ORDER BY h."created_at", h."id" LIMIT 1
);--> statement-breakpoint
ALTER TABLE "known_hash_lists" ALTER COLUMN "helpline_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "known_hash_lists" ADD CONSTRAINT "known_hash_lists_helpline_id_helplines_id_fk" FOREIGN KEY ("helpline_id") REFERENCES "public"."helplines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "known_hash_lists_helpline_active_idx" ON "known_hash_lists" USING btree ("helpline_id","active");--> statement-breakpoint
ALTER TABLE "known_hash_lists" ADD CONSTRAINT "known_hash_lists_helpline_source_version" UNIQUE("helpline_id","source","version");
