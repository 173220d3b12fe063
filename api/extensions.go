package api

import "github.com/wat-dev/wat/api/wire"

// extensions are wat's own operations, beyond the AWS model: they are
// authenticated, throttled, audited and answered exactly like the model's
// operations, and routed only when no operation of the model matches. Their
// Invoke functions reach the use cases through the *handler they are given.
// Each is documented in README.md under "Beyond the AWS API".
var extensions = []*wire.Operation{putWorkloadEvidence, getSuggestedAnswers, applySuggestedAnswers, getLensReviewExport}
