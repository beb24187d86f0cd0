CREATE TABLE "case_feedback" (
	"report_id" text PRIMARY KEY NOT NULL,
	"heard" text,
	"helped" text,
	"fast_enough" text,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "early_warnings" (
	"id" text PRIMARY KEY NOT NULL,
	"helpline_id" text NOT NULL,
	"dimension" text NOT NULL,
	"series" text NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"current" integer NOT NULL,
	"expected" double precision NOT NULL,
	"p_value" double precision NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "early_warnings_series_period_key" UNIQUE("helpline_id","dimension","series","period_end")
);
--> statement-breakpoint
ALTER TABLE "case_feedback" ADD CONSTRAINT "case_feedback_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_warnings" ADD CONSTRAINT "early_warnings_helpline_id_helplines_id_fk" FOREIGN KEY ("helpline_id") REFERENCES "public"."helplines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_warnings" ADD CONSTRAINT "early_warnings_decided_by_workers_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "early_warnings_helpline_status_idx" ON "early_warnings" USING btree ("helpline_id","status");