CREATE TABLE "notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"prefix" text NOT NULL,
	"seq" integer NOT NULL,
	"doc_number" text NOT NULL,
	"title" text NOT NULL,
	"as_of" date NOT NULL,
	"input" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notices_seq_uq" ON "notices" USING btree ("year","prefix","seq");