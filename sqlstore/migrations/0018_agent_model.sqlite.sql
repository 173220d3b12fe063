-- What the optional language model did to a generation (0018_agent_model.postgres.sql
-- is the other dialect's: keep them alike): a JSON record of the model's
-- name, the outcome of its call, how many recommendations it refined and
-- how many of its items were discarded; '' when no model is configured.
ALTER TABLE agent_generations ADD COLUMN model TEXT NOT NULL DEFAULT '';
