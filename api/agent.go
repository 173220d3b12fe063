package api

// The Well-Architected Agent's 23 operations (AWS added them to the model in
// August 2026). The 15 that configure it, Create/Get/Update/Delete/List of
// AgentProfile(s), AgentGoal(s) and AgentContext(s), are served by
// agent_profiles.go, agent_goals.go and agent_contexts.go; the 8 that
// generate and manage recommendations by agent_generations.go and
// agent_recommendations.go. wat generates recommendations with a
// deterministic engine (wat.GenerateAgentRecommendations) from what its
// own database holds: reviews and scan evidence.
