-- A lens review's revision increases with every change to it or its
-- answers, so readers can tell whether what they hold is still current.
ALTER TABLE lens_reviews ADD COLUMN revision bigint NOT NULL DEFAULT 0;
