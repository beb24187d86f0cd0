CREATE TABLE "signed_recipient_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"helpline_id" text NOT NULL,
	"sequence" integer NOT NULL,
	"statement" text NOT NULL,
	"signature" text NOT NULL,
	"signed_by" text NOT NULL,
	"worker_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "wrapped_signing_key" "bytea";--> statement-breakpoint
ALTER TABLE "signed_recipient_lists" ADD CONSTRAINT "signed_recipient_lists_helpline_id_helplines_id_fk" FOREIGN KEY ("helpline_id") REFERENCES "public"."helplines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signed_recipient_lists_sequence_idx" ON "signed_recipient_lists" USING btree ("helpline_id","sequence");