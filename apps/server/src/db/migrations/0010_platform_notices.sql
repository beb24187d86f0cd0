CREATE TABLE "platform_notices" (
	"id" text PRIMARY KEY NOT NULL,
	"report_id" text,
	"helpline_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"platform" text NOT NULL,
	"category" text NOT NULL,
	"tdb_category" text NOT NULL,
	"tdb_keyword" text NOT NULL,
	"channel" text NOT NULL,
	"worker_id" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"outcome" text,
	"statement_of_reasons_id" text,
	"decision_recorded_by" text,
	"decision_recorded_at" timestamp with time zone,
	CONSTRAINT "platform_notices_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "platform_notices" ADD CONSTRAINT "platform_notices_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_notices" ADD CONSTRAINT "platform_notices_helpline_id_helplines_id_fk" FOREIGN KEY ("helpline_id") REFERENCES "public"."helplines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "platform_notices_report_idx" ON "platform_notices" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "platform_notices_helpline_idx" ON "platform_notices" USING btree ("helpline_id","platform");