CREATE TABLE "import_preview_rows" (
	"token" text NOT NULL,
	"seq" integer NOT NULL,
	"row" integer NOT NULL,
	"status" text NOT NULL,
	"enterprise_id" integer,
	"credit_code" text,
	"name" text,
	"period" text,
	"months" smallint,
	"column" text,
	"before" numeric(16, 2),
	"after" numeric(16, 2),
	"message" text,
	CONSTRAINT "import_preview_rows_token_seq_pk" PRIMARY KEY("token","seq")
);
--> statement-breakpoint
ALTER TABLE "revenue_facts" ADD COLUMN "months" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_preview_rows" ADD CONSTRAINT "import_preview_rows_token_import_previews_token_fk" FOREIGN KEY ("token") REFERENCES "public"."import_previews"("token") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_preview_rows_status_idx" ON "import_preview_rows" USING btree ("token","status","seq");