package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// The account's global settings. Their two statuses are ENABLED|DISABLED
// on the wire and booleans in the service; the generated validation has
// already refused any other value.

func enabledIn[T ~string](status, enabled T) *bool {
	if status == "" {
		return nil
	}
	return ptr(status == enabled)
}

func enabledOut[T ~string](on bool, enabled, disabled T) T {
	if on {
		return enabled
	}
	return disabled
}

func (h *handler) GetGlobalSettings(ctx context.Context, _ *wire.GetGlobalSettingsInput) (*wire.GetGlobalSettingsOutput, error) {
	st, err := h.svc.GetGlobalSettings(ctx)
	if err != nil {
		return nil, err
	}
	return &wire.GetGlobalSettingsOutput{
		JiraConfiguration: accountJiraOut(st.Jira),
		OrganizationSharingStatus: enabledOut(st.OrganizationSharing,
			wire.OrganizationSharingStatusEnabled, wire.OrganizationSharingStatusDisabled),
		DiscoveryIntegrationStatus: enabledOut(st.DiscoveryIntegration,
			wire.DiscoveryIntegrationStatusEnabled, wire.DiscoveryIntegrationStatusDisabled),
	}, nil
}

func (h *handler) UpdateGlobalSettings(ctx context.Context, in *wire.UpdateGlobalSettingsInput) (*wire.UpdateGlobalSettingsOutput, error) {
	err := h.svc.UpdateGlobalSettings(ctx, service.GlobalSettingsUpdate{
		Jira:                 accountJiraIn(in.JiraConfiguration),
		OrganizationSharing:  enabledIn(in.OrganizationSharingStatus, wire.OrganizationSharingStatusEnabled),
		DiscoveryIntegration: enabledIn(in.DiscoveryIntegrationStatus, wire.DiscoveryIntegrationStatusEnabled),
	})
	if err != nil {
		return nil, err
	}
	return &wire.UpdateGlobalSettingsOutput{}, nil
}
