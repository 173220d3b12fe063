package main

import (
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/openaicompat"
	"github.com/wat-dev/wat/service"
)

// AgentConfig configures the Well-Architected Agent's worker in `wat
// serve` and its optional language model. Without ModelURL no model is
// asked and no data leaves the machine.
type AgentConfig struct {
	// ModelURL is an OpenAI-compatible server (its root or its /v1), e.g.
	// http://localhost:11434 for Ollama; Model the model it serves.
	ModelURL, Model string
	// ModelKeyEnv names the environment variable holding the API key, so
	// that the key is in no flag (ps shows flags) and no file of wat's.
	ModelKeyEnv  string
	ModelTimeout time.Duration
	// Lease is how long a worker's claim on a generation holds; another
	// replica takes the job again after it (when the first one died).
	Lease time.Duration
	// modelKey is the key read from ModelKeyEnv; never printed.
	modelKey string
}

// DefaultAgentLease outlasts any generation and the longest model call.
const DefaultAgentLease = 10 * time.Minute

func defaultAgentConfig() AgentConfig {
	return AgentConfig{ModelKeyEnv: "WAT_AGENT_MODEL_KEY", ModelTimeout: service.DefaultAgentModelTimeout, Lease: DefaultAgentLease}
}

// readEnv reads WAT_AGENT_MODEL_URL, WAT_AGENT_MODEL,
// WAT_AGENT_MODEL_TIMEOUT and WAT_AGENT_LEASE.
func (a *AgentConfig) readEnv(getenv func(string) string) error {
	for name, dst := range map[string]*string{"WAT_AGENT_MODEL_URL": &a.ModelURL, "WAT_AGENT_MODEL": &a.Model} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	return envDurations(getenv, "90s", map[string]*time.Duration{"WAT_AGENT_MODEL_TIMEOUT": &a.ModelTimeout, "WAT_AGENT_LEASE": &a.Lease})
}

// addFlags defines the --agent-* flags on fs.
func (a *AgentConfig) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&a.ModelURL, "agent-model-url", a.ModelURL, "an OpenAI-compatible server refining the Agent's recommendations, e.g. http://localhost:11434 (Ollama); none when empty: no data leaves the machine (WAT_AGENT_MODEL_URL)")
	fs.StringVar(&a.Model, "agent-model", a.Model, "the model --agent-model-url serves, e.g. llama3.2 (WAT_AGENT_MODEL)")
	fs.StringVar(&a.ModelKeyEnv, "agent-model-key-env", a.ModelKeyEnv, "the environment variable holding the model's API key, sent as a bearer token when set")
	fs.DurationVar(&a.ModelTimeout, "agent-model-timeout", a.ModelTimeout, "how long a model call may take before the deterministic text is kept (WAT_AGENT_MODEL_TIMEOUT)")
	fs.DurationVar(&a.Lease, "agent-lease", a.Lease, "how long a replica's claim on an Agent generation holds before another may take it again (WAT_AGENT_LEASE)")
}

// readKey reads the API key from the variable ModelKeyEnv names, once the
// flags have said which it is.
func (a *AgentConfig) readKey(getenv func(string) string) {
	if a.ModelKeyEnv != "" {
		a.modelKey = getenv(a.ModelKeyEnv)
	}
}

// validate reports the first setting that cannot work.
func (a AgentConfig) validate() error {
	if a.Lease < time.Second {
		return fmt.Errorf("--agent-lease %v must be at least 1s", a.Lease)
	}
	if a.ModelURL == "" {
		return nil
	}
	u, err := url.Parse(a.ModelURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--agent-model-url %q is not an http:// or https:// URL", redactURL(a.ModelURL))
	}
	if a.Model == "" {
		return fmt.Errorf("--agent-model-url needs --agent-model: the name of the model the server should run")
	}
	if a.ModelTimeout <= 0 {
		return fmt.Errorf("--agent-model-timeout %v must be positive", a.ModelTimeout)
	}
	// A worker waiting on the model past its lease would see its job taken
	// by another replica, which would ask the model again.
	if a.ModelTimeout >= a.Lease {
		return fmt.Errorf("--agent-model-timeout %v must be shorter than --agent-lease %v", a.ModelTimeout, a.Lease)
	}
	return nil
}

// refiner returns the configured model, nil (a nil interface) for none.
func (a AgentConfig) refiner(log *slog.Logger) wat.AgentRefiner {
	if a.ModelURL == "" {
		return nil
	}
	log.Info("the Agent refines its recommendations with a language model", "url", redactURL(a.ModelURL), "model", a.Model,
		"timeout", a.ModelTimeout, "key", a.modelKey != "")
	return openaicompat.New(a.ModelURL, a.Model, a.modelKey, &http.Client{})
}
