package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// Notification types, as on the wire.
const (
	NotificationLensVersionUpgraded   = "LENS_VERSION_UPGRADED"
	NotificationLensVersionDeprecated = "LENS_VERSION_DEPRECATED"
)

// Notification tells that a workload reviews a lens at an older version
// than the latest.
type Notification struct {
	Type           string
	Workload       *wat.Workload
	Lens           *LensInfo // the latest version
	CurrentVersion string
}

// ListNotifications returns lens-upgrade notifications for one workload, one
// review template (resourceARN) or, with neither, for every workload of the
// caller's account.
func (s *Service) ListNotifications(ctx context.Context, workloadID, resourceARN, token string, max int) ([]*Notification, string, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, "", err
	}
	if workloadID != "" && resourceARN != "" {
		return nil, "", wat.Invalid("ResourceArn", "Specify WorkloadId or ResourceArn, not both")
	}
	var out []*Notification
	err = s.store.View(ctx, func(tx wat.Tx) error {
		var ws []*wat.Workload
		switch {
		case workloadID != "":
			w, err := s.readableWorkload(ctx, tx, act("ListNotifications"), workloadID)
			if err != nil {
				return err
			}
			ws = []*wat.Workload{w}
		case resourceARN != "":
			// ResourceArn names a review template; there are none until
			// review templates exist.
			return wat.NotFound("REVIEW_TEMPLATE", resourceARN, "Review template %s not found", resourceARN)
		default:
			if err := s.authorize(ctx, tx, act("ListNotifications"), "*", nil); err != nil {
				return err
			}
			after := pageToken{}
			for {
				page, err := tx.ListWorkloads(ctx, p.AccountID, nil, "", after.Key, after.ID, 200)
				if err != nil {
					return err
				}
				ws = append(ws, page...)
				if len(page) < 200 {
					break
				}
				last := page[len(page)-1]
				after = pageToken{Key: wat.NameKey(last.Name), ID: last.ID}
			}
		}
		for _, w := range ws {
			reviews, err := tx.ListLensReviews(ctx, w.ID)
			if err != nil {
				return err
			}
			for _, r := range reviews {
				if !w.HasLens(r.LensARN) {
					continue
				}
				latest, err := s.pinnedLens(ctx, tx, r.LensARN, "")
				switch {
				case err != nil:
				case latest.Deleted:
					// Its owner deleted the lens: the review stays, no newer
					// version will come.
					out = append(out, &Notification{Type: NotificationLensVersionDeprecated, Workload: w, Lens: latest, CurrentVersion: r.LensVersion})
				case latest.Version != r.LensVersion:
					out = append(out, &Notification{Type: NotificationLensVersionUpgraded, Workload: w, Lens: latest, CurrentVersion: r.LensVersion})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return paginate(out, token, max, 50)
}
