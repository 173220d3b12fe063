-- The built-in lens answers with AWS's ids of its "None of these" choices
-- ("ops_priorities_no"), no longer with wat's former ones ("priorities_no"):
-- rewrite the former ids wherever answers to the built-in lens are kept
-- (0011_none_choice_ids.postgres.sql is the PostgreSQL one: keep them
-- alike). Only the built-in lens: a custom lens's ids are its owner's.
--
-- The pairs are lens/framework/wa-none-of-these.csv (legacy_alias,
-- none_choice_id); the lens still accepts a former id on input, so nothing
-- written while a replica runs the older binary is lost, but it would be
-- answered as written until rewritten here.
CREATE TEMP TABLE none_choice_ids (
	legacy_id TEXT NOT NULL PRIMARY KEY,
	aws_id    TEXT NOT NULL
) STRICT, WITHOUT ROWID;

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

-- Evaluations are cached by the lens review's revision: bump it for every
-- review whose answers change, before they do (after, they cannot be told).
UPDATE lens_reviews SET revision = revision + 1
WHERE lens_arn = 'arn:aws:wellarchitected::aws:lens/wellarchitected'
	AND EXISTS (
		SELECT 1 FROM answers a
		WHERE a.workload_id = lens_reviews.workload_id AND a.lens_arn = lens_reviews.lens_arn
			AND (EXISTS (SELECT 1 FROM json_each(a.selected_choices) s JOIN temp.none_choice_ids m ON m.legacy_id = s.value)
				OR EXISTS (SELECT 1 FROM json_each(a.choices) c JOIN temp.none_choice_ids m ON m.legacy_id = c.key)));

-- answers and template_answers: selected_choices is a JSON array of ids (in
-- lens order, kept), choices a JSON object keyed by id.
UPDATE answers SET
	selected_choices = (
		SELECT json_group_array(coalesce(m.aws_id, s.value) ORDER BY s.key)
		FROM json_each(answers.selected_choices) s LEFT JOIN temp.none_choice_ids m ON m.legacy_id = s.value),
	choices = (
		SELECT json_group_object(coalesce(m.aws_id, c.key), json(c.value))
		FROM json_each(answers.choices) c LEFT JOIN temp.none_choice_ids m ON m.legacy_id = c.key)
WHERE lens_arn = 'arn:aws:wellarchitected::aws:lens/wellarchitected'
	AND (EXISTS (SELECT 1 FROM json_each(answers.selected_choices) s JOIN temp.none_choice_ids m ON m.legacy_id = s.value)
		OR EXISTS (SELECT 1 FROM json_each(answers.choices) c JOIN temp.none_choice_ids m ON m.legacy_id = c.key));

UPDATE template_answers SET
	selected_choices = (
		SELECT json_group_array(coalesce(m.aws_id, s.value) ORDER BY s.key)
		FROM json_each(template_answers.selected_choices) s LEFT JOIN temp.none_choice_ids m ON m.legacy_id = s.value),
	choices = (
		SELECT json_group_object(coalesce(m.aws_id, c.key), json(c.value))
		FROM json_each(template_answers.choices) c LEFT JOIN temp.none_choice_ids m ON m.legacy_id = c.key)
WHERE lens_arn = 'arn:aws:wellarchitected::aws:lens/wellarchitected'
	AND (EXISTS (SELECT 1 FROM json_each(template_answers.selected_choices) s JOIN temp.none_choice_ids m ON m.legacy_id = s.value)
		OR EXISTS (SELECT 1 FROM json_each(template_answers.choices) c JOIN temp.none_choice_ids m ON m.legacy_id = c.key));

-- Milestones: the snapshot's "answers" is an array of answers of every lens,
-- each with "selected_choices" and "choices" as above, either left out when
-- empty (json_replace then adds nothing). A milestone is immutable, but what
-- it recorded must read as the lens answers today. A scalar subquery loses
-- the JSON subtype, hence json() around each.
UPDATE milestones SET snapshot = json_set(snapshot, '$.answers', json((
	SELECT json_group_array(json(CASE
		WHEN json_extract(a.value, '$.lens_arn') = 'arn:aws:wellarchitected::aws:lens/wellarchitected' THEN json_replace(a.value,
			'$.selected_choices', json((
				SELECT json_group_array(coalesce(m.aws_id, s.value) ORDER BY s.key)
				FROM json_each(a.value, '$.selected_choices') s LEFT JOIN temp.none_choice_ids m ON m.legacy_id = s.value)),
			'$.choices', json((
				SELECT json_group_object(coalesce(m.aws_id, c.key), json(c.value))
				FROM json_each(a.value, '$.choices') c LEFT JOIN temp.none_choice_ids m ON m.legacy_id = c.key)))
		ELSE a.value END) ORDER BY a.key)
	FROM json_each(milestones.snapshot, '$.answers') a)))
WHERE json_type(snapshot, '$.answers') = 'array'
	AND EXISTS (
		SELECT 1 FROM json_each(milestones.snapshot, '$.answers') a
		WHERE json_extract(a.value, '$.lens_arn') = 'arn:aws:wellarchitected::aws:lens/wellarchitected'
			AND (EXISTS (SELECT 1 FROM json_each(a.value, '$.selected_choices') s JOIN temp.none_choice_ids m ON m.legacy_id = s.value)
				OR EXISTS (SELECT 1 FROM json_each(a.value, '$.choices') c JOIN temp.none_choice_ids m ON m.legacy_id = c.key)));

-- Evidence never names a "None of these" choice (PutWorkloadEvidence refuses
-- it), so evidence_checks has none to rewrite.

DROP TABLE temp.none_choice_ids;
