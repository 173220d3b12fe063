package api

import "github.com/wat-dev/wat/api/wire"

// WrapHandler puts wrap(handler) between s and the use cases, for tests
// that need an operation to fail as the use cases never do (a panic). It is
// compiled into tests only: the server has no such hook.
func WrapHandler(s *Server, wrap func(wire.Handler) wire.Handler) { s.handler = wrap(s.handler) }
