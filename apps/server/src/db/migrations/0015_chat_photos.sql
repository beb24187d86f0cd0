CREATE TABLE "chat_photos" (
	"chat_id" text NOT NULL,
	"attachment_id" text NOT NULL,
	"blob_key" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_photos_chat_id_attachment_id_pk" PRIMARY KEY("chat_id","attachment_id")
);
--> statement-breakpoint
ALTER TABLE "chat_photos" ADD CONSTRAINT "chat_photos_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;