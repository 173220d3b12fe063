-- The built-in lens answers with AWS's ids of its "None of these" choices
-- ("ops_priorities_no"), no longer with wat's former ones ("priorities_no"):
-- rewrite the former ids wherever answers to the built-in lens are kept
-- (0011_none_choice_ids.sqlite.sql is the SQLite one: keep them alike).
-- Only the built-in lens: a custom lens's ids are its owner's.
--
-- The pairs are lens/framework/wa-none-of-these.csv (legacy_alias,
-- none_choice_id); the lens still accepts a former id on input, so nothing
-- written while a replica runs the older binary is lost, but it would be
-- answered as written until rewritten here.
--
-- The JSON columns are text; rewritten values go through jsonb, so their
-- text is spaced as PostgreSQL prints it, which the store reads alike.
CREATE TEMP TABLE none_choice_ids (
	legacy_id text NOT NULL PRIMARY KEY,
	aws_id    text NOT NULL
) ON COMMIT DROP;

INSERT INTO none_choice_ids (legacy_id, aws_id) VALUES
	('priorities_no', 'ops_priorities_no'),
	('ops_model_no', 'ops_ops_model_no'),
	('org_culture_no', 'ops_org_culture_no'),
	('observability_no', 'ops_observability_no'),
	('dev_integ_no', 'ops_dev_integ_no'),
	('mit_deploy_risks_no', 'ops_mit_deploy_risks_no'),
	('ready_to_support_no', 'ops_ready_to_support_no'),
	('workload_observability_no', 'ops_workload_observability_no'),
	('operations_health_no', 'ops_operations_health_no'),
	('event_response_no', 'ops_event_response_no'),
	('evolve_ops_no', 'ops_evolve_ops_no'),
	('securely_operate_no', 'sec_securely_operate_no'),
	('identities_no', 'sec_identities_no'),
	('permissions_no', 'sec_permissions_no'),
	('detect_investigate_events_no', 'sec_detect_investigate_events_no'),
	('network_protection_no', 'sec_network_protection_no'),
	('protect_compute_no', 'sec_protect_compute_no'),
	('data_classification_no', 'sec_data_classification_no'),
	('protect_data_rest_no', 'sec_protect_data_rest_no'),
	('protect_data_transit_no', 'sec_protect_data_transit_no'),
	('incident_response_no', 'sec_incident_response_no'),
	('application_security_no', 'sec_appsec_no'),
	('manage_service_limits_no', 'rel_manage_service_limits_no'),
	('planning_network_topology_no', 'rel_planning_network_topology_no'),
	('service_architecture_no', 'rel_service_architecture_no'),
	('prevent_interaction_failure_no', 'rel_prevent_interaction_failure_no'),
	('mitigate_interaction_failure_no', 'rel_mitigate_interaction_failure_no'),
	('monitor_aws_resources_no', 'rel_monitor_aws_resources_no'),
	('adapt_to_changes_no', 'rel_adapt_to_changes_no'),
	('tracking_change_management_no', 'rel_tracking_change_management_no'),
	('backing_up_data_no', 'rel_backing_up_data_no'),
	('fault_isolation_no', 'rel_fault_isolation_no'),
	('withstand_component_failures_no', 'rel_withstand_component_failures_no'),
	('testing_resiliency_no', 'rel_testing_resiliency_no'),
	('planning_for_recovery_no', 'rel_planning_for_recovery_no'),
	('performing_architecture_no', 'perf_architecture_no'),
	('compute_hardware_no', 'perf_compute_hardware_no'),
	('data_management_no', 'perf_data_no'),
	('networking_no', 'perf_networking_no'),
	('process_culture_no', 'perf_process_culture_no'),
	('cloud_financial_management_no', 'cost_cloud_financial_management_no'),
	('govern_usage_no', 'cost_govern_usage_no'),
	('monitor_usage_no', 'cost_monitor_usage_no'),
	('decomissioning_resources_no', 'cost_decomissioning_resources_no'),
	('select_service_no', 'cost_select_service_no'),
	('type_size_number_resources_no', 'cost_type_size_number_resources_no'),
	('pricing_model_no', 'cost_pricing_model_no'),
	('data_transfer_no', 'cost_data_transfer_no'),
	('manage_demand_resources_no', 'cost_manage_demand_resources_no'),
	('evaluate_new_services_no', 'cost_evaluate_new_services_no'),
	('evaluate_cost_effort_no', 'cost_evaluate_cost_effort_no'),
	('sus_region_no', 'sus_sus_region_no'),
	('sus_user_no', 'sus_sus_user_no'),
	('sus_software_no', 'sus_sus_software_no'),
	('sus_data_no', 'sus_sus_data_no'),
	('sus_hardware_no', 'sus_sus_hardware_no'),
	('sus_dev_no', 'sus_sus_dev_no');

-- The ids of a JSON array of ids, rewritten, in their order.
CREATE FUNCTION pg_temp.aws_choice_list(ids jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
	SELECT coalesce(jsonb_agg(coalesce(m.aws_id, s.id) ORDER BY s.n), '[]'::jsonb)
	FROM jsonb_array_elements_text(ids) WITH ORDINALITY s(id, n)
	LEFT JOIN none_choice_ids m ON m.legacy_id = s.id
$$;

-- A JSON object keyed by ids, its keys rewritten.
CREATE FUNCTION pg_temp.aws_choice_map(choices jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
	SELECT coalesce(jsonb_object_agg(coalesce(m.aws_id, c.key), c.value), '{}'::jsonb)
	FROM jsonb_each(choices) c
	LEFT JOIN none_choice_ids m ON m.legacy_id = c.key
$$;

-- Whether an answer's ids (array) or choices (object, by key) name a former
-- id; NULL, as a member left out of a snapshot, names none.
CREATE FUNCTION pg_temp.names_legacy_choice(ids jsonb) RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT coalesce(ids ?| (SELECT array_agg(legacy_id) FROM none_choice_ids), false)
$$;

-- Evaluations are cached by the lens review's revision: bump it for every
-- review whose answers change, before they do (after, they cannot be told).
UPDATE lens_reviews r SET revision = r.revision + 1
WHERE r.lens_arn = 'arn:aws:wellarchitected::aws:lens/wellarchitected'
	AND EXISTS (
		SELECT 1 FROM answers a
		WHERE a.workload_id = r.workload_id AND a.lens_arn = r.lens_arn
			AND (pg_temp.names_legacy_choice(a.selected_choices::jsonb) OR pg_temp.names_legacy_choice(a.choices::jsonb)));

-- answers and template_answers: selected_choices is a JSON array of ids (in
-- lens order, kept), choices a JSON object keyed by id.
UPDATE answers SET
	selected_choices = pg_temp.aws_choice_list(selected_choices::jsonb)::text,
	choices = pg_temp.aws_choice_map(choices::jsonb)::text
WHERE lens_arn = 'arn:aws:wellarchitected::aws:lens/wellarchitected'
	AND (pg_temp.names_legacy_choice(selected_choices::jsonb) OR pg_temp.names_legacy_choice(choices::jsonb));

UPDATE template_answers SET
	selected_choices = pg_temp.aws_choice_list(selected_choices::jsonb)::text,
	choices = pg_temp.aws_choice_map(choices::jsonb)::text
WHERE lens_arn = 'arn:aws:wellarchitected::aws:lens/wellarchitected'
	AND (pg_temp.names_legacy_choice(selected_choices::jsonb) OR pg_temp.names_legacy_choice(choices::jsonb));

-- Milestones: the snapshot's "answers" is an array of answers of every lens
-- (or null, for none), each with "selected_choices" and "choices" as above,
-- either left out when empty (and then not added). A milestone is
-- immutable, but what it recorded must read as the lens answers today.
UPDATE milestones SET snapshot = jsonb_set(snapshot::jsonb, '{answers}', (
	SELECT jsonb_agg(CASE
		WHEN a.answer->>'lens_arn' = 'arn:aws:wellarchitected::aws:lens/wellarchitected' THEN a.answer
			|| CASE WHEN a.answer ? 'selected_choices'
				THEN jsonb_build_object('selected_choices', pg_temp.aws_choice_list(a.answer->'selected_choices'))
				ELSE '{}'::jsonb END
			|| CASE WHEN a.answer ? 'choices'
				THEN jsonb_build_object('choices', pg_temp.aws_choice_map(a.answer->'choices'))
				ELSE '{}'::jsonb END
		ELSE a.answer END ORDER BY a.n)
	FROM jsonb_array_elements(snapshot::jsonb->'answers') WITH ORDINALITY a(answer, n)))::text
WHERE jsonb_typeof(snapshot::jsonb->'answers') = 'array'
	AND EXISTS (
		SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(snapshot::jsonb->'answers') = 'array'
			THEN snapshot::jsonb->'answers' ELSE '[]'::jsonb END) a(answer)
		WHERE a.answer->>'lens_arn' = 'arn:aws:wellarchitected::aws:lens/wellarchitected'
			AND (pg_temp.names_legacy_choice(a.answer->'selected_choices') OR pg_temp.names_legacy_choice(a.answer->'choices')));

-- Evidence never names a "None of these" choice (PutWorkloadEvidence refuses
-- it), so evidence_checks has none to rewrite.

DROP FUNCTION pg_temp.names_legacy_choice(jsonb);
DROP FUNCTION pg_temp.aws_choice_map(jsonb);
DROP FUNCTION pg_temp.aws_choice_list(jsonb);
