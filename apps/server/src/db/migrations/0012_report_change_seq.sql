CREATE SEQUENCE "public"."reports_change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "change_seq" bigint DEFAULT nextval('reports_change_seq') NOT NULL;--> statement-breakpoint
CREATE INDEX "reports_change_idx" ON "reports" USING btree ("helpline_id","change_seq");