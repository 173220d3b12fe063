package main

// Checks of the deployment files under deploy/: that the command lines they
// run are ones wat serve accepts, that the container image, the Kubernetes
// manifests and the systemd unit agree with each other (user, port, data
// directory, image), and that the hardening they promise is there. Nothing
// here builds the image or talks to a cluster: neither can run in CI.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const deployDir = "../../deploy"

// containerfile is what the tests read of deploy/Containerfile.
type containerfile struct {
	Text       string
	Entrypoint []string
	User       string
	Expose     string
	Volume     string
	FinalFrom  string
}

func readContainerfile(t *testing.T) containerfile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(deployDir, "Containerfile"))
	if err != nil {
		t.Fatal(err)
	}
	c := containerfile{Text: string(b)}
	for _, line := range strings.Split(c.Text, "\n") {
		instr, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
		rest = strings.TrimSpace(rest)
		switch instr {
		case "ENTRYPOINT":
			if err := json.Unmarshal([]byte(rest), &c.Entrypoint); err != nil {
				t.Fatalf("ENTRYPOINT %s: not the exec (JSON) form: %v", rest, err)
			}
		case "USER":
			c.User = rest
		case "EXPOSE":
			c.Expose = rest
		case "VOLUME":
			c.Volume = rest
		case "FROM":
			c.FinalFrom = rest
		}
	}
	return c
}

// validEnv is an environment with working values for what the deployment
// files take from secrets.
func validEnv(name string) string {
	switch name {
	case "WAT_DATABASE_URL":
		return "postgres://wat:pw@postgres:5432/wat"
	case "WAT_MASTER_KEY":
		return strings.Repeat("ab", 32)
	}
	return ""
}

func TestContainerfile(t *testing.T) {
	c := readContainerfile(t)
	if len(c.Entrypoint) < 2 || c.Entrypoint[0] != "/wat" || c.Entrypoint[1] != "serve" {
		t.Fatalf("ENTRYPOINT %q: want /wat serve …", c.Entrypoint)
	}
	cfg, err := parseServeConfig(c.Entrypoint[2:], func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatalf("wat serve refuses the ENTRYPOINT's flags %q: %v", c.Entrypoint[2:], err)
	}
	host, port, _ := net.SplitHostPort(cfg.Listen)
	if host != "0.0.0.0" && host != "" {
		t.Errorf("the image listens on %s: unreachable from outside the container", cfg.Listen)
	}
	if port != c.Expose {
		t.Errorf("listens on port %s, EXPOSEs %s", port, c.Expose)
	}
	if cfg.DataDir != c.Volume {
		t.Errorf("--data-dir %s, VOLUME %s", cfg.DataDir, c.Volume)
	}
	if c.User != "65532:65532" && c.User != "65532" && c.User != "nonroot" {
		t.Errorf("USER %q: want the distroless nonroot user, 65532", c.User)
	}
	if !strings.Contains(c.FinalFrom, "distroless/static") || !strings.Contains(c.FinalFrom, "nonroot") {
		t.Errorf("final stage FROM %s: want distroless/static:nonroot", c.FinalFrom)
	}
	// The binary is built as the Makefile builds it, and static.
	mk, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^LDFLAGS\s*:=\s*(.*)\$\(VERSION\)$`).FindSubmatch(mk)
	if m == nil {
		t.Fatal("no LDFLAGS := … $(VERSION) in the Makefile")
	}
	for _, want := range []string{"CGO_ENABLED=0", "-trimpath", `-ldflags "` + string(m[1]) + "${VERSION}", "./cmd/wat"} {
		if !strings.Contains(c.Text, want) {
			t.Errorf("the Containerfile's build lacks %q", want)
		}
	}
	if strings.Contains(c.Text, "\nHEALTHCHECK") {
		t.Error("a HEALTHCHECK in an image without a shell or an HTTP client cannot run")
	}
	if _, err := os.Stat(filepath.Join(deployDir, "Containerfile.dockerignore")); err != nil {
		t.Error(err)
	}
}

// The parts of Kubernetes objects the tests look at.
type (
	k8sObject struct {
		Kind     string `yaml:"kind"`
		Metadata struct {
			Name   string            `yaml:"name"`
			Labels map[string]string `yaml:"labels"`
		} `yaml:"metadata"`
		Spec       k8sSpec           `yaml:"spec"`
		StringData map[string]string `yaml:"stringData"`
	}
	k8sSpec struct {
		Replicas int `yaml:"replicas"`
		Strategy struct {
			Type          string `yaml:"type"`
			RollingUpdate struct {
				MaxSurge       any `yaml:"maxSurge"`
				MaxUnavailable any `yaml:"maxUnavailable"`
			} `yaml:"rollingUpdate"`
		} `yaml:"strategy"`
		// A Deployment's and a PodDisruptionBudget's have matchLabels, a
		// Service's is the labels themselves (see selects).
		Selector map[string]any `yaml:"selector"`
		Template struct {
			Metadata struct {
				Labels map[string]string `yaml:"labels"`
			} `yaml:"metadata"`
			Spec k8sPodSpec `yaml:"spec"`
		} `yaml:"template"`
		// Service
		Ports []struct {
			Name       string `yaml:"name"`
			TargetPort any    `yaml:"targetPort"`
		} `yaml:"ports"`
		MinAvailable int `yaml:"minAvailable"`
	}
	k8sPodSpec struct {
		AutomountServiceAccountToken *bool `yaml:"automountServiceAccountToken"`
		SecurityContext              struct {
			RunAsNonRoot   bool `yaml:"runAsNonRoot"`
			RunAsUser      int  `yaml:"runAsUser"`
			SeccompProfile struct {
				Type string `yaml:"type"`
			} `yaml:"seccompProfile"`
		} `yaml:"securityContext"`
		Containers []k8sContainer `yaml:"containers"`
		Volumes    []struct {
			Name     string    `yaml:"name"`
			EmptyDir *struct{} `yaml:"emptyDir"`
		} `yaml:"volumes"`
	}
	k8sContainer struct {
		Name    string   `yaml:"name"`
		Image   string   `yaml:"image"`
		Command []string `yaml:"command"`
		Args    []string `yaml:"args"`
		Env     []struct {
			Name      string `yaml:"name"`
			Value     string `yaml:"value"`
			ValueFrom struct {
				SecretKeyRef struct {
					Name string `yaml:"name"`
					Key  string `yaml:"key"`
				} `yaml:"secretKeyRef"`
			} `yaml:"valueFrom"`
		} `yaml:"env"`
		Ports []struct {
			Name          string `yaml:"name"`
			ContainerPort int    `yaml:"containerPort"`
		} `yaml:"ports"`
		StartupProbe   *k8sProbe `yaml:"startupProbe"`
		LivenessProbe  *k8sProbe `yaml:"livenessProbe"`
		ReadinessProbe *k8sProbe `yaml:"readinessProbe"`
		Resources      struct {
			Requests map[string]string `yaml:"requests"`
			Limits   map[string]string `yaml:"limits"`
		} `yaml:"resources"`
		SecurityContext struct {
			AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
			ReadOnlyRootFilesystem   bool  `yaml:"readOnlyRootFilesystem"`
			RunAsNonRoot             bool  `yaml:"runAsNonRoot"`
			Capabilities             struct {
				Drop []string `yaml:"drop"`
			} `yaml:"capabilities"`
		} `yaml:"securityContext"`
		VolumeMounts []struct {
			Name      string `yaml:"name"`
			MountPath string `yaml:"mountPath"`
		} `yaml:"volumeMounts"`
	}
	k8sProbe struct {
		HTTPGet struct {
			Path string `yaml:"path"`
			Port any    `yaml:"port"`
		} `yaml:"httpGet"`
	}
)

// readManifests returns every object of deploy/kubernetes, by kind.
func readManifests(t *testing.T) map[string][]k8sObject {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(deployDir, "kubernetes", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests in deploy/kubernetes (%v)", err)
	}
	objs := map[string][]k8sObject{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		for {
			var o k8sObject
			if err := dec.Decode(&o); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if o.Kind == "" || o.Metadata.Name == "" {
				t.Errorf("%s: an object without kind or name", f)
			}
			objs[o.Kind] = append(objs[o.Kind], o)
		}
	}
	return objs
}

func one(t *testing.T, objs map[string][]k8sObject, kind string) k8sObject {
	t.Helper()
	if len(objs[kind]) != 1 {
		t.Fatalf("%d objects of kind %s, want 1", len(objs[kind]), kind)
	}
	return objs[kind][0]
}

// checkPod checks what the Deployment's and the Job's pods share: the
// hardening, the image's user and data directory, and the secrets.
func checkPod(t *testing.T, what string, pod k8sPodSpec, img containerfile, secret k8sObject) k8sContainer {
	t.Helper()
	sc := pod.SecurityContext
	if !sc.RunAsNonRoot || strconv.Itoa(sc.RunAsUser) != strings.Split(img.User, ":")[0] || sc.SeccompProfile.Type != "RuntimeDefault" {
		t.Errorf("%s: pod securityContext %+v: want runAsNonRoot, the image's user %s and seccomp RuntimeDefault", what, sc, img.User)
	}
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		t.Errorf("%s: wat needs no service account token: set automountServiceAccountToken: false", what)
	}
	if len(pod.Containers) != 1 {
		t.Fatalf("%s: %d containers, want 1", what, len(pod.Containers))
	}
	c := pod.Containers[0]
	csc := c.SecurityContext
	if !csc.ReadOnlyRootFilesystem || csc.AllowPrivilegeEscalation == nil || *csc.AllowPrivilegeEscalation ||
		!csc.RunAsNonRoot || !slices.Equal(csc.Capabilities.Drop, []string{"ALL"}) {
		t.Errorf("%s: container securityContext %+v: want readOnlyRootFilesystem, no privilege escalation, runAsNonRoot, drop ALL", what, csc)
	}
	if c.Resources.Requests["cpu"] == "" || c.Resources.Requests["memory"] == "" || c.Resources.Limits["memory"] == "" {
		t.Errorf("%s: resources %+v: want cpu and memory requests and a memory limit", what, c.Resources)
	}
	// A read-only root needs the data directory writable: an emptyDir.
	emptyDirs := map[string]bool{}
	for _, v := range pod.Volumes {
		emptyDirs[v.Name] = v.EmptyDir != nil
	}
	mounted := false
	for _, m := range c.VolumeMounts {
		if m.MountPath == img.Volume {
			mounted = emptyDirs[m.Name]
		}
	}
	if !mounted {
		t.Errorf("%s: no emptyDir mounted at the image's VOLUME %s", what, img.Volume)
	}
	// Both secrets, from the Secret of the example, by keys it has.
	fromSecret := map[string]bool{}
	for _, e := range c.Env {
		ref := e.ValueFrom.SecretKeyRef
		if ref.Name == "" {
			continue
		}
		if _, ok := secret.StringData[ref.Key]; ref.Name != secret.Metadata.Name || !ok {
			t.Errorf("%s: %s from secret %s key %s, which secret.example.yaml does not define", what, e.Name, ref.Name, ref.Key)
		}
		fromSecret[e.Name] = true
	}
	for _, name := range []string{"WAT_DATABASE_URL", "WAT_MASTER_KEY"} {
		if !fromSecret[name] {
			t.Errorf("%s: %s does not come from the Secret", what, name)
		}
	}
	return c
}

func TestKubernetesManifests(t *testing.T) {
	img := readContainerfile(t)
	objs := readManifests(t)
	secret := one(t, objs, "Secret")
	deploy := one(t, objs, "Deployment")
	svc := one(t, objs, "Service")
	job := one(t, objs, "Job")
	pdb := one(t, objs, "PodDisruptionBudget")

	// The example's placeholders are refused rather than used.
	if _, err := parseMasterKey(secret.StringData["master-key"]); err == nil {
		t.Error("secret.example.yaml's master key is a working key: keep it a placeholder wat refuses")
	}
	if !strings.HasPrefix(secret.StringData["database-url"], "postgres://") {
		t.Errorf("secret.example.yaml's database-url %q is not a postgres:// URL", secret.StringData["database-url"])
	}

	spec := deploy.Spec
	if spec.Replicas < 2 {
		t.Errorf("%d replicas: the example is for several", spec.Replicas)
	}
	ru := spec.Strategy.RollingUpdate
	if spec.Strategy.Type != "RollingUpdate" || ru.MaxSurge != 1 || ru.MaxUnavailable != 0 {
		t.Errorf("strategy %+v: want RollingUpdate with maxSurge 1, maxUnavailable 0", spec.Strategy)
	}
	labels := spec.Template.Metadata.Labels
	for _, o := range []k8sObject{deploy, svc, pdb} {
		sel := o.Spec.Selector
		if m, ok := sel["matchLabels"].(map[string]any); ok {
			sel = m
		}
		if len(sel) == 0 {
			t.Errorf("%s selects no labels", o.Kind)
		}
		for k, v := range sel {
			if labels[k] != v {
				t.Errorf("%s selects %s=%v, which the pods do not have", o.Kind, k, v)
			}
		}
	}
	if pdb.Spec.MinAvailable < 1 || pdb.Spec.MinAvailable >= spec.Replicas {
		t.Errorf("PodDisruptionBudget minAvailable %d with %d replicas", pdb.Spec.MinAvailable, spec.Replicas)
	}

	c := checkPod(t, "Deployment", spec.Template.Spec, img, secret)
	if len(c.Command) > 0 {
		t.Errorf("the Deployment overrides the image's ENTRYPOINT with %q", c.Command)
	}
	args := append(slices.Clone(img.Entrypoint[2:]), c.Args...)
	env := map[string]string{}
	for _, e := range c.Env {
		if e.Value != "" {
			env[e.Name] = e.Value
		}
	}
	cfg, err := parseServeConfig(args, func(name string) string {
		if v, ok := env[name]; ok {
			return v
		}
		return validEnv(name)
	}, io.Discard)
	if err != nil {
		t.Fatalf("wat serve refuses the Deployment's command line %q: %v", args, err)
	}
	ports := map[string]int{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	_, listenPort, _ := net.SplitHostPort(cfg.Listen)
	_, metricsPort, _ := net.SplitHostPort(cfg.MetricsListen)
	if strconv.Itoa(ports["http"]) != listenPort || listenPort != img.Expose {
		t.Errorf("port http %d, wat listens on %s, the image EXPOSEs %s", ports["http"], listenPort, img.Expose)
	}
	if cfg.MetricsListen == "" || strconv.Itoa(ports["metrics"]) != metricsPort {
		t.Errorf("port metrics %d, --metrics-listen %q", ports["metrics"], cfg.MetricsListen)
	}
	for name, p := range map[string]struct {
		probe *k8sProbe
		path  string
	}{"startup": {c.StartupProbe, "/healthz"}, "liveness": {c.LivenessProbe, "/healthz"}, "readiness": {c.ReadinessProbe, "/readyz"}} {
		if p.probe == nil || p.probe.HTTPGet.Path != p.path || p.probe.HTTPGet.Port != "http" {
			t.Errorf("%s probe %+v: want GET %s on port http", name, p.probe, p.path)
		}
	}
	if len(svc.Spec.Ports) == 0 || svc.Spec.Ports[0].TargetPort != "http" {
		t.Errorf("Service ports %+v: want targetPort http", svc.Spec.Ports)
	}
	for _, p := range svc.Spec.Ports {
		if p.TargetPort == "metrics" || p.TargetPort == ports["metrics"] {
			t.Error("the Service exposes the metrics port")
		}
	}

	// The migration Job: the same image, a wat admin command that exists.
	jc := checkPod(t, "Job", job.Spec.Template.Spec, img, secret)
	if jc.Image != c.Image {
		t.Errorf("the Job runs %s, the Deployment %s", jc.Image, c.Image)
	}
	if len(jc.Command) < 3 || jc.Command[0] != img.Entrypoint[0] || jc.Command[1] != "admin" {
		t.Fatalf("the Job runs %q: want /wat admin …", jc.Command)
	}
	sub := jc.Command[len(jc.Command)-1]
	if !slices.ContainsFunc(adminCommands, func(c adminCommand) bool { return c.name == sub }) {
		t.Errorf("the Job runs wat admin %s, which is no admin command", sub)
	}
}

// unit is a systemd unit file: each key's values, in order.
func readUnit(t *testing.T) (string, map[string][]string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(deployDir, "wat.service"))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			keys[k] = append(keys[k], v)
		}
	}
	return string(b), keys
}

func TestSystemdUnit(t *testing.T) {
	text, keys := readUnit(t)
	if len(keys["ExecStart"]) != 1 {
		t.Fatalf("ExecStart %q", keys["ExecStart"])
	}
	argv := strings.Fields(keys["ExecStart"][0])
	if len(argv) < 2 || argv[1] != "serve" {
		t.Fatalf("ExecStart %q: want wat serve …", argv)
	}
	cfg, err := parseServeConfig(argv[2:], func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatalf("wat serve refuses the unit's flags %q: %v", argv[2:], err)
	}
	if want := "/var/lib/" + strings.Join(keys["StateDirectory"], ""); cfg.DataDir != want {
		t.Errorf("--data-dir %s, StateDirectory gives %s", cfg.DataDir, want)
	}
	for k, want := range map[string]string{
		"NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes", "PrivateDevices": "yes",
		"ProtectKernelTunables": "yes", "ProtectKernelModules": "yes", "ProtectKernelLogs": "yes", "ProtectControlGroups": "yes",
		"RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "CapabilityBoundingSet": "", "LockPersonality": "yes",
		"MemoryDenyWriteExecute": "yes", "RestrictNamespaces": "yes", "ReadWritePaths": cfg.DataDir, "Restart": "on-failure",
		"ExecReload": "/bin/kill -HUP $MAINPID", "EnvironmentFile": "-/etc/wat/wat.env", "DynamicUser": "yes",
	} {
		if got := keys[k]; len(got) == 0 || got[0] != want {
			t.Errorf("%s=%q, want %q", k, got, want)
		}
	}
	if !slices.Contains(keys["SystemCallFilter"], "@system-service") {
		t.Errorf("SystemCallFilter %q lacks @system-service", keys["SystemCallFilter"])
	}

	// systemd's own check, where it is installed: the unit copied with
	// ExecStart pointing at an executable that exists here.
	sa, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not installed: the unit was not verified by systemd")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	unit := filepath.Join(t.TempDir(), "wat.service")
	if err := os.WriteFile(unit, []byte(strings.ReplaceAll(text, argv[0], self)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(sa, "verify", unit).CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}
