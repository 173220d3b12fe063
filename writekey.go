package wat

import "context"

// writeKeyCtx is the context key of WithWriteKey.
type writeKeyCtx struct{}

// WithWriteKey returns ctx telling Store.Update what the write is about
// (a workload's id): writes with the same key are about the same rows and
// take turns on them, writes with different keys mostly do not. A store
// may use it to group concurrent writes about one key into one commit; one
// that does not ignores it. It never changes what a write does or sees.
//
// A store may keep the row of the workload a keyed write locked and read
// for the next write with the same key in the same transaction
// (sqlstore's lockedRows), as what that write would read again.
func WithWriteKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, writeKeyCtx{}, key)
}

// WriteKeyFrom returns the key WithWriteKey put in ctx; "" for none.
func WriteKeyFrom(ctx context.Context) string {
	k, _ := ctx.Value(writeKeyCtx{}).(string)
	return k
}
