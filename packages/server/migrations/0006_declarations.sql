CREATE TABLE "declaration_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"declaration_id" integer NOT NULL,
	"item" text,
	"inspection_id" integer,
	"version" integer NOT NULL,
	"file_name" text NOT NULL,
	"file_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"declaration_id" integer NOT NULL,
	"kind" text NOT NULL,
	"inspected_on" date NOT NULL,
	"inspectors" text NOT NULL,
	"findings" text NOT NULL,
	"conclusion" text NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_transitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"declaration_id" integer NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" integer,
	"at" timestamp with time zone NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"year" integer NOT NULL,
	"mode" text NOT NULL,
	"batch" text NOT NULL,
	"batch_name" text NOT NULL,
	"deadline" date NOT NULL,
	"data_month" text NOT NULL,
	"state" text NOT NULL,
	"last_comment" text,
	"directory_event_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "declaration_files" ADD CONSTRAINT "declaration_files_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_files" ADD CONSTRAINT "declaration_files_inspection_id_declaration_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."declaration_inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_files" ADD CONSTRAINT "declaration_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_inspections" ADD CONSTRAINT "declaration_inspections_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_inspections" ADD CONSTRAINT "declaration_inspections_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_transitions" ADD CONSTRAINT "declaration_transitions_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_transitions" ADD CONSTRAINT "declaration_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "declaration_files_decl_idx" ON "declaration_files" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "declaration_inspections_decl_idx" ON "declaration_inspections" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "declaration_transitions_decl_idx" ON "declaration_transitions" USING btree ("declaration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "declarations_open_uq" ON "declarations" USING btree ("enterprise_id","year") WHERE "declarations"."state" <> 'entered';--> statement-breakpoint
CREATE INDEX "declarations_year_state_idx" ON "declarations" USING btree ("year","state");