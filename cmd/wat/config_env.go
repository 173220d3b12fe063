package main

import (
	"fmt"
	"strconv"
	"time"
)

// The WAT_* variables of typed settings, read the same way by every part
// of wat serve's configuration: unset or empty leaves the default, a value
// that does not parse is an error naming the variable.

// envDurations sets each variable's duration, example (such as 90s)
// showing the form in the error.
func envDurations(getenv func(string) string, example string, vars map[string]*time.Duration) error {
	for name, dst := range vars {
		if v := getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				return fmt.Errorf("%s %q is not a duration such as %s", name, v, example)
			}
			*dst = d
		}
	}
	return nil
}

// envBool sets dst from the variable name, true or false.
func envBool(getenv func(string) string, name string, dst *bool) error {
	if v := getenv(name); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("%s %q is not true or false", name, v)
		}
		*dst = b
	}
	return nil
}
