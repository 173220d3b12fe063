package testserver_test

import (
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

func asConflict(err error, target **types.ConflictException) bool { return errors.As(err, target) }
