package wat

import "time"

// IdentityLink ties a person known to an OpenID provider to the user they
// sign in to the console as. The provider names the person by its issuer
// and a subject that never changes, unlike an e-mail address or a user
// name, so a link keeps landing in the same user whatever else changes
// at the provider. A user has at most one link per issuer.
type IdentityLink struct {
	Issuer    string
	Subject   string
	AccountID string
	UserName  string
	CreatedAt time.Time
}
