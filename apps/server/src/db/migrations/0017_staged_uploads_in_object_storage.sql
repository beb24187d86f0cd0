CREATE TABLE "staged_uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"report_id" text NOT NULL,
	"item_id" text NOT NULL,
	"size" bigint NOT NULL,
	"staged_bytes" bigint DEFAULT 0 NOT NULL,
	"parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "staged_uploads_report_idx" ON "staged_uploads" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "staged_uploads_created_idx" ON "staged_uploads" USING btree ("created_at");