package sigv4

import (
	"fmt"

	"github.com/wat-dev/wat"
)

// The AWS error types this package puts in wat.Error.Type. Clients branch on
// them (the SDKs' clock-skew correction looks for InvalidSignatureException),
// so they are spelled exactly as AWS spells them.
const (
	// TypeMissingAuthenticationToken: the request carries no Authorization header.
	TypeMissingAuthenticationToken = "MissingAuthenticationTokenException"
	// TypeIncompleteSignature: the Authorization header or the date header is malformed or incomplete.
	TypeIncompleteSignature = "IncompleteSignatureException"
	// TypeUnrecognizedClient: the access key id is unknown or inactive.
	TypeUnrecognizedClient = "UnrecognizedClientException"
	// TypeInvalidSignature: a well-formed signature that does not verify
	// (wrong secret, tampered request, clock skew, wrong scope).
	TypeInvalidSignature = "InvalidSignatureException"
)

// msgSignatureMismatch is AWS's own wording; users search for it.
const msgSignatureMismatch = "The request signature we calculated does not match the signature you provided. " +
	"Check your AWS Secret Access Key and signing method."

func authError(typ, format string, args ...any) *wat.Error {
	return &wat.Error{Code: wat.EUnauthenticated, Type: typ, Message: fmt.Sprintf(format, args...)}
}

func errMissingToken() *wat.Error {
	return authError(TypeMissingAuthenticationToken, "Missing Authentication Token")
}

func errIncomplete(format string, args ...any) *wat.Error {
	return authError(TypeIncompleteSignature, format, args...)
}

func errInvalid(format string, args ...any) *wat.Error {
	return authError(TypeInvalidSignature, format, args...)
}

func errUnrecognizedClient() *wat.Error {
	return authError(TypeUnrecognizedClient, "The security token included in the request is invalid.")
}
