-- What StartAgentRecommendationGeneration narrows a generation to beyond
-- its pillars and goals (0021_agent_generation_scope.postgres.sql is the
-- other dialect's: keep them alike): the scope's items, a JSON array of
-- {"pillar", "ids"} (workloads or practices of that pillar), and the
-- additional context, the request's JSON document as it came ('' for
-- none). Generations queued before keep none of either.
ALTER TABLE agent_generations ADD COLUMN items TEXT NOT NULL DEFAULT '[]';
ALTER TABLE agent_generations ADD COLUMN additional_context TEXT NOT NULL DEFAULT '';
