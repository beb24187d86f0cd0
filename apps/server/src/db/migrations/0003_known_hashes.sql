CREATE TABLE "known_hash_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"country" text NOT NULL,
	"source" text NOT NULL,
	"version" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text NOT NULL,
	"count" integer NOT NULL,
	"active" boolean NOT NULL,
	CONSTRAINT "known_hash_lists_source_version" UNIQUE("country","source","version")
);
--> statement-breakpoint
CREATE TABLE "known_hashes" (
	"list_id" text NOT NULL,
	"line" integer NOT NULL,
	"pdq" "bytea",
	"pdq_quality" smallint,
	"md5" "bytea"
);
--> statement-breakpoint
CREATE TABLE "report_hash_matches" (
	"report_id" text NOT NULL,
	"list_id" text NOT NULL,
	"kind" text NOT NULL,
	"hash_index" integer NOT NULL,
	"distance" integer NOT NULL,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_hash_matches_report_id_list_id_kind_hash_index_pk" PRIMARY KEY("report_id","list_id","kind","hash_index")
);
--> statement-breakpoint
ALTER TABLE "known_hashes" ADD CONSTRAINT "known_hashes_list_id_known_hash_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."known_hash_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_hash_matches" ADD CONSTRAINT "report_hash_matches_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_hash_matches" ADD CONSTRAINT "report_hash_matches_list_id_known_hash_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."known_hash_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "known_hash_lists_active_idx" ON "known_hash_lists" USING btree ("country","active");--> statement-breakpoint
CREATE INDEX "known_hashes_list_idx" ON "known_hashes" USING btree ("list_id","line");--> statement-breakpoint
CREATE INDEX "report_hash_matches_list_idx" ON "report_hash_matches" USING btree ("list_id");