ALTER TABLE "reports" ADD COLUMN "first_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "first_contact_via" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "reporter_unread_at" timestamp with time zone;