CREATE TABLE "helpline_key_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"helpline_id" text NOT NULL,
	"worker_id" text NOT NULL,
	"recipient" text NOT NULL,
	"sealed" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "personal_recipient" text;--> statement-breakpoint
ALTER TABLE "helpline_key_grants" ADD CONSTRAINT "helpline_key_grants_helpline_id_helplines_id_fk" FOREIGN KEY ("helpline_id") REFERENCES "public"."helplines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_key_grants" ADD CONSTRAINT "helpline_key_grants_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "helpline_key_grants_worker_recipient_idx" ON "helpline_key_grants" USING btree ("worker_id","recipient");--> statement-breakpoint
CREATE INDEX "helpline_key_grants_helpline_idx" ON "helpline_key_grants" USING btree ("helpline_id");