CREATE TABLE "import_previews" (
	"token" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source" text,
	"year" integer,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"how" jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	"sheet_problems" jsonb NOT NULL,
	"problems" jsonb NOT NULL,
	"records" jsonb NOT NULL,
	"data_rows" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"applied_batch_id" integer
);
--> statement-breakpoint
ALTER TABLE "import_previews" ADD CONSTRAINT "import_previews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_previews" ADD CONSTRAINT "import_previews_applied_batch_id_import_batches_id_fk" FOREIGN KEY ("applied_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_previews_expires_idx" ON "import_previews" USING btree ("expires_at");