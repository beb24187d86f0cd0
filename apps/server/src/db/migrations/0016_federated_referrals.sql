CREATE TABLE "federated_referrals" (
	"id" text PRIMARY KEY NOT NULL,
	"peer_id" text NOT NULL,
	"remote_referral_id" text NOT NULL,
	"case_id" text NOT NULL,
	"origin" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "federated_referrals" ADD CONSTRAINT "federated_referrals_case_id_reports_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "federated_referrals_peer_referral_idx" ON "federated_referrals" USING btree ("peer_id","remote_referral_id");--> statement-breakpoint
CREATE UNIQUE INDEX "federated_referrals_case_idx" ON "federated_referrals" USING btree ("case_id");