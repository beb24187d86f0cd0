CREATE TABLE "audit_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"case_id" text,
	"detail" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "helpline_recipients" (
	"id" text PRIMARY KEY NOT NULL,
	"helpline_id" text NOT NULL,
	"recipient" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "helpline_recipients_recipient_unique" UNIQUE("recipient")
);
--> statement-breakpoint
CREATE TABLE "helplines" (
	"id" text PRIMARY KEY NOT NULL,
	"country" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"status_code" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"payload" jsonb NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"last_error" text,
	"locked_until" timestamp with time zone,
	"done_at" timestamp with time zone,
	"dead_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"report_id" text NOT NULL,
	"author" text NOT NULL,
	"worker_id" text,
	"sealed" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_items" (
	"report_id" text NOT NULL,
	"item_id" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"received_at" timestamp with time zone,
	"blob_key" text,
	CONSTRAINT "report_items_report_id_item_id_pk" PRIMARY KEY("report_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" text PRIMARY KEY NOT NULL,
	"helpline_id" text NOT NULL,
	"country" text NOT NULL,
	"pack_version" text,
	"category" text NOT NULL,
	"platform" text NOT NULL,
	"channel" text,
	"role" text NOT NULL,
	"age_band" text NOT NULL,
	"flags" jsonb NOT NULL,
	"status" text NOT NULL,
	"reporter_recipient" text NOT NULL,
	"access_token_hash" text NOT NULL,
	"body" "bytea" NOT NULL,
	"body_sha256" text NOT NULL,
	"receipt" jsonb,
	"signature" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"visible_at" timestamp with time zone,
	"assignee_id" text,
	"legal_hold" boolean DEFAULT false NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "reports_access_token_hash_unique" UNIQUE("access_token_hash")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"worker_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" text PRIMARY KEY NOT NULL,
	"helpline_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"kdf_salt" text NOT NULL,
	"auth_hash" text NOT NULL,
	"totp_secret" text,
	"wrapped_helpline_key" "bytea",
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workers_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "helpline_recipients" ADD CONSTRAINT "helpline_recipients_helpline_id_helplines_id_fk" FOREIGN KEY ("helpline_id") REFERENCES "public"."helplines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_items" ADD CONSTRAINT "report_items_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_helpline_id_helplines_id_fk" FOREIGN KEY ("helpline_id") REFERENCES "public"."helplines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_assignee_id_workers_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_helpline_id_helplines_id_fk" FOREIGN KEY ("helpline_id") REFERENCES "public"."helplines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_case_idx" ON "audit_log" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "helpline_recipients_helpline_idx" ON "helpline_recipients" USING btree ("helpline_id");--> statement-breakpoint
CREATE INDEX "jobs_queue_run_idx" ON "jobs" USING btree ("queue","run_at");--> statement-breakpoint
CREATE INDEX "messages_report_idx" ON "messages" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_helpline_status_idx" ON "reports" USING btree ("helpline_id","status");--> statement-breakpoint
CREATE INDEX "reports_visible_idx" ON "reports" USING btree ("helpline_id","visible_at");--> statement-breakpoint
CREATE INDEX "sessions_worker_idx" ON "sessions" USING btree ("worker_id");