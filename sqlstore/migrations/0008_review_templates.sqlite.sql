-- Review templates (0008_review_templates.postgres.sql is the PostgreSQL
-- one: keep them alike). A template belongs to its account and goes with
-- it; its lens reviews go with the template and their answers with them.
-- Deleting a template removes it: workloads created from it hold copies.
CREATE TABLE review_templates (
	arn         TEXT NOT NULL PRIMARY KEY,
	account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	-- wat.NameKey(name), for uniqueness.
	name_key    TEXT NOT NULL,
	description TEXT NOT NULL,
	notes       TEXT NOT NULL,
	-- JSON array of lens ARNs, in application order.
	lenses      TEXT NOT NULL,
	tags        TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
) STRICT;
-- ListReviewTemplates, in ARN order, and the cascade from accounts.
CREATE INDEX review_templates_account ON review_templates (account_id, arn);
CREATE UNIQUE INDEX review_templates_name ON review_templates (account_id, name_key);

CREATE TABLE template_lens_reviews (
	template_arn TEXT NOT NULL REFERENCES review_templates (arn) ON DELETE CASCADE,
	lens_arn     TEXT NOT NULL,
	lens_version TEXT NOT NULL,
	notes        TEXT NOT NULL,
	pillar_notes TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	PRIMARY KEY (template_arn, lens_arn)
) STRICT, WITHOUT ROWID;

-- Columns as in answers (0001).
CREATE TABLE template_answers (
	template_arn     TEXT NOT NULL,
	lens_arn         TEXT NOT NULL,
	question_id      TEXT NOT NULL,
	selected_choices TEXT NOT NULL,
	choices          TEXT NOT NULL,
	is_applicable    INTEGER NOT NULL,
	reason           TEXT NOT NULL,
	notes            TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	PRIMARY KEY (template_arn, lens_arn, question_id),
	FOREIGN KEY (template_arn, lens_arn) REFERENCES template_lens_reviews (template_arn, lens_arn) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
