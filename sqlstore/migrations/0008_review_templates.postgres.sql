-- Review templates (0008_review_templates.sqlite.sql is the SQLite one:
-- keep them alike). A template belongs to its account and goes with it;
-- its lens reviews go with the template and their answers with them.
-- Deleting a template removes it: workloads created from it hold copies.
-- ARNs, which lists are ordered by, use COLLATE "C", as in 0001.
CREATE TABLE review_templates (
	arn         text COLLATE "C" NOT NULL PRIMARY KEY,
	account_id  text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name        text NOT NULL,
	-- wat.NameKey(name), for uniqueness.
	name_key    text COLLATE "C" NOT NULL,
	description text NOT NULL,
	notes       text NOT NULL,
	-- JSON array of lens ARNs, in application order.
	lenses      text NOT NULL,
	tags        text NOT NULL,
	created_at  timestamptz NOT NULL,
	updated_at  timestamptz NOT NULL
);
-- ListReviewTemplates, in ARN order, and the cascade from accounts.
CREATE INDEX review_templates_account ON review_templates (account_id, arn);
CREATE UNIQUE INDEX review_templates_name ON review_templates (account_id, name_key);

CREATE TABLE template_lens_reviews (
	template_arn text COLLATE "C" NOT NULL REFERENCES review_templates (arn) ON DELETE CASCADE,
	lens_arn     text COLLATE "C" NOT NULL,
	lens_version text NOT NULL,
	notes        text NOT NULL,
	pillar_notes text NOT NULL,
	updated_at   timestamptz NOT NULL,
	PRIMARY KEY (template_arn, lens_arn)
);

-- Columns as in answers (0001).
CREATE TABLE template_answers (
	template_arn     text COLLATE "C" NOT NULL,
	lens_arn         text COLLATE "C" NOT NULL,
	question_id      text COLLATE "C" NOT NULL,
	selected_choices text NOT NULL,
	choices          text NOT NULL,
	is_applicable    boolean NOT NULL,
	reason           text NOT NULL,
	notes            text NOT NULL,
	updated_at       timestamptz NOT NULL,
	PRIMARY KEY (template_arn, lens_arn, question_id),
	FOREIGN KEY (template_arn, lens_arn) REFERENCES template_lens_reviews (template_arn, lens_arn) ON DELETE CASCADE
);
