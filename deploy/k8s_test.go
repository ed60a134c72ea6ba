package deploy

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// meta is the head of every manifest.
type meta struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name   string            `yaml:"name"`
		Labels map[string]string `yaml:"labels"`
	} `yaml:"metadata"`
}

// The parts of a Deployment the daemon relies on.
type deployment struct {
	meta `yaml:",inline"`
	Spec struct {
		Replicas int                   `yaml:"replicas"`
		Strategy struct{ Type string } `yaml:"strategy"`
		Selector struct {
			MatchLabels map[string]string `yaml:"matchLabels"`
		} `yaml:"selector"`
		Template struct {
			Metadata struct {
				Labels map[string]string `yaml:"labels"`
			} `yaml:"metadata"`
			Spec podSpec `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type podSpec struct {
	SecurityContext struct {
		RunAsNonRoot   bool                  `yaml:"runAsNonRoot"`
		RunAsUser      int                   `yaml:"runAsUser"`
		SeccompProfile struct{ Type string } `yaml:"seccompProfile"`
	} `yaml:"securityContext"`
	Containers []container `yaml:"containers"`
	Volumes    []volume    `yaml:"volumes"`
}

type container struct {
	Name    string   `yaml:"name"`
	Image   string   `yaml:"image"`
	Command []string `yaml:"command"`
	Args    []string `yaml:"args"`
	Ports   []port   `yaml:"ports"`
	Env     []struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"env"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		ReadOnly  bool   `yaml:"readOnly"`
	} `yaml:"volumeMounts"`
	LivenessProbe  probe `yaml:"livenessProbe"`
	ReadinessProbe probe `yaml:"readinessProbe"`
	Resources      struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext struct {
		AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
		ReadOnlyRootFilesystem   bool  `yaml:"readOnlyRootFilesystem"`
		Capabilities             struct {
			Drop []string `yaml:"drop"`
		} `yaml:"capabilities"`
	} `yaml:"securityContext"`
}

type port struct {
	Name          string `yaml:"name"`
	ContainerPort int    `yaml:"containerPort"`
}

type probe struct {
	HTTPGet struct {
		Path string `yaml:"path"`
		Port string `yaml:"port"`
	} `yaml:"httpGet"`
}

type volume struct {
	Name                  string `yaml:"name"`
	PersistentVolumeClaim *struct {
		ClaimName string `yaml:"claimName"`
	} `yaml:"persistentVolumeClaim"`
	ConfigMap *struct {
		Name string `yaml:"name"`
	} `yaml:"configMap"`
	Secret *struct {
		SecretName string `yaml:"secretName"`
		Items      []struct {
			Key  string `yaml:"key"`
			Path string `yaml:"path"`
		} `yaml:"items"`
	} `yaml:"secret"`
}

// mountOf returns where volume name is mounted in c.
func (c container) mountOf(name string) string {
	for _, m := range c.VolumeMounts {
		if m.Name == name {
			return m.MountPath
		}
	}
	return ""
}

func (c container) env(name string) string {
	for _, e := range c.Env {
		if e.Name == name {
			return e.Value
		}
	}
	return ""
}

// apiVersions are the apiVersions expected for each kind of the kit.
var apiVersions = map[string]string{
	"Deployment": "apps/v1", "Service": "v1", "ConfigMap": "v1", "PersistentVolumeClaim": "v1",
	"Secret": "v1", "ServiceMonitor": "monitoring.coreos.com/v1", "Ingress": "networking.k8s.io/v1",
	"Kustomization": "kustomize.config.k8s.io/v1beta1",
}

// notInBase are the manifests kept out of the kustomize base on purpose.
var notInBase = []string{"secret.example.yaml", "servicemonitor.yaml", "ingress.example.yaml"}

func TestKustomization(t *testing.T) {
	var k struct {
		meta      `yaml:",inline"`
		Resources []string `yaml:"resources"`
		Images    []struct {
			Name    string `yaml:"name"`
			NewName string `yaml:"newName"`
			NewTag  string `yaml:"newTag"`
		} `yaml:"images"`
	}
	decodeInto(t, "k8s/kustomization.yaml", &k)
	if apiVersions[k.Kind] != k.APIVersion {
		t.Errorf("kustomization: kind %s apiVersion %s", k.Kind, k.APIVersion)
	}
	for _, r := range k.Resources {
		if _, err := os.Stat(filepath.Join("k8s", r)); err != nil {
			t.Errorf("kustomization resource %s: %v", r, err)
		}
		if slices.Contains(notInBase, r) {
			t.Errorf("kustomization lists %s, which must stay out of the base", r)
		}
	}
	manifests, _ := filepath.Glob("k8s/*.yaml")
	for _, m := range manifests {
		name := filepath.Base(m)
		if name != "kustomization.yaml" && !slices.Contains(k.Resources, name) && !slices.Contains(notInBase, name) {
			t.Errorf("%s is neither in the kustomization nor a documented extra", m)
		}
		checkManifest(t, m)
	}
	for _, img := range k.Images {
		if !imageTagged(img.NewName + ":" + img.NewTag) {
			t.Errorf("kustomization image %s: expected a tag other than latest", img.Name)
		}
	}
}

// checkManifest checks the head of each document of a manifest file.
func checkManifest(t *testing.T, file string) {
	t.Helper()
	for _, doc := range readDocs(t, file) {
		kind, _ := doc["kind"].(string)
		want, known := apiVersions[kind]
		md, _ := doc["metadata"].(map[string]any)
		switch {
		case !known:
			t.Errorf("%s: unexpected kind %q", file, kind)
		case doc["apiVersion"] != want:
			t.Errorf("%s: %s has apiVersion %v, want %s", file, kind, doc["apiVersion"], want)
		case kind != "Kustomization" && (md == nil || md["name"] == ""):
			t.Errorf("%s: %s without metadata.name", file, kind)
		}
	}
}

func TestDeployment(t *testing.T) {
	var d deployment
	decodeInto(t, "k8s/deployment.yaml", &d)
	if d.Spec.Replicas != 1 || d.Spec.Strategy.Type != "Recreate" {
		t.Errorf("replicas %d, strategy %q: expected 1 replica and Recreate (bbolt allows one writer)", d.Spec.Replicas, d.Spec.Strategy.Type)
	}
	for k, v := range d.Spec.Selector.MatchLabels {
		if d.Spec.Template.Metadata.Labels[k] != v {
			t.Errorf("selector %s=%s does not match the pod's labels", k, v)
		}
	}
	pod := d.Spec.Template.Spec
	if !pod.SecurityContext.RunAsNonRoot || pod.SecurityContext.RunAsUser == 0 || pod.SecurityContext.SeccompProfile.Type != "RuntimeDefault" {
		t.Errorf("pod securityContext %+v: expected non-root and seccomp RuntimeDefault", pod.SecurityContext)
	}
	if len(pod.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(pod.Containers))
	}
	c := pod.Containers[0]
	checkCommand(t, "deployment args", append(c.Command, c.Args...))
	checkContainerSecurity(t, c)
	checkProbes(t, c)
	if c.Resources.Requests["memory"] != "128Mi" || c.Resources.Requests["cpu"] == "" || c.Resources.Limits["memory"] == "" {
		t.Errorf("resources %+v: expected a 128Mi memory request, a CPU request and a memory limit", c.Resources)
	}
	checkVolumes(t, pod, c)
}

func checkContainerSecurity(t *testing.T, c container) {
	t.Helper()
	sc := c.SecurityContext
	if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation || !sc.ReadOnlyRootFilesystem || !slices.Contains(sc.Capabilities.Drop, "ALL") {
		t.Errorf("container securityContext %+v: expected no privilege escalation, a read-only root filesystem, capabilities dropped", sc)
	}
}

func checkProbes(t *testing.T, c container) {
	t.Helper()
	if c.LivenessProbe.HTTPGet.Path != "/healthz" || c.ReadinessProbe.HTTPGet.Path != "/readyz" {
		t.Errorf("probes: liveness %q, readiness %q; want /healthz and /readyz", c.LivenessProbe.HTTPGet.Path, c.ReadinessProbe.HTTPGet.Path)
	}
	for _, p := range []probe{c.LivenessProbe, c.ReadinessProbe} {
		if !slices.ContainsFunc(c.Ports, func(cp port) bool { return cp.Name == p.HTTPGet.Port }) {
			t.Errorf("probe port %q is not a named port of the container", p.HTTPGet.Port)
		}
	}
}

// checkVolumes ties the Deployment to the ConfigMap, the PVC and the Secret.
func checkVolumes(t *testing.T, pod podSpec, c container) {
	t.Helper()
	var cm struct {
		meta `yaml:",inline"`
		Data map[string]string `yaml:"data"`
	}
	decodeInto(t, "k8s/configmap.yaml", &cm)
	var pvc meta
	decodeInto(t, "k8s/pvc.yaml", &pvc)
	var secret struct {
		meta       `yaml:",inline"`
		StringData map[string]string `yaml:"stringData"`
	}
	decodeInto(t, "k8s/secret.example.yaml", &secret)

	cfg := readConfigText(t, "k8s/configmap.yaml data.config.yaml", cm.Data["config.yaml"])
	found := map[string]bool{}
	for _, v := range pod.Volumes {
		mount := c.mountOf(v.Name)
		switch {
		case v.PersistentVolumeClaim != nil:
			found["pvc"] = v.PersistentVolumeClaim.ClaimName == pvc.Metadata.Name
			if mount != path.Dir(cfg.Store.Path) {
				t.Errorf("PVC mounted at %q, but the ConfigMap's store.path is %s", mount, cfg.Store.Path)
			}
		case v.ConfigMap != nil:
			found["config"] = v.ConfigMap.Name == cm.Metadata.Name
			if !slices.Contains(c.Args, path.Join(mount, "config.yaml")) {
				t.Errorf("ConfigMap mounted at %q, but args %v do not read %s/config.yaml", mount, c.Args, mount)
			}
		case v.Secret != nil:
			found["secret"] = v.Secret.SecretName == secret.Metadata.Name
			checkTokenFile(t, c, mount, v, secret.StringData)
		}
	}
	for _, what := range []string{"pvc", "config", "secret"} {
		if !found[what] {
			t.Errorf("no %s volume naming the kit's own %s", what, what)
		}
	}
}

// checkTokenFile: SPPLUS_DS_TOKEN_FILE is the file of a Secret key.
func checkTokenFile(t *testing.T, c container, mount string, v volume, data map[string]string) {
	t.Helper()
	tokenFile := c.env("SPPLUS_DS_TOKEN_FILE")
	for _, it := range v.Secret.Items {
		if path.Join(mount, it.Path) == tokenFile {
			if _, ok := data[it.Key]; !ok {
				t.Errorf("SPPLUS_DS_TOKEN_FILE reads key %q, absent from secret.example.yaml", it.Key)
			}
			return
		}
	}
	t.Errorf("SPPLUS_DS_TOKEN_FILE=%q is not a file of the Secret volume mounted at %s", tokenFile, mount)
}

func TestServiceAndMonitor(t *testing.T) {
	var svc struct {
		meta `yaml:",inline"`
		Spec struct {
			Selector map[string]string
			Ports    []struct {
				Name       string
				TargetPort string `yaml:"targetPort"`
			}
		}
	}
	decodeInto(t, "k8s/service.yaml", &svc)
	var d deployment
	decodeInto(t, "k8s/deployment.yaml", &d)
	for k, v := range svc.Spec.Selector {
		if d.Spec.Template.Metadata.Labels[k] != v {
			t.Errorf("Service selector %s=%s does not select the pod", k, v)
		}
	}
	if len(svc.Spec.Ports) != 1 || svc.Spec.Ports[0].TargetPort != "http" {
		t.Errorf("Service ports %+v: expected one port to the pod's http", svc.Spec.Ports)
	}
	var sm struct {
		Spec struct {
			Selector  struct{ MatchLabels map[string]string } `yaml:"selector"`
			Endpoints []struct{ Port, Path string }
		}
	}
	decodeInto(t, "k8s/servicemonitor.yaml", &sm)
	for k, v := range sm.Spec.Selector.MatchLabels {
		if svc.Metadata.Labels[k] != v {
			t.Errorf("ServiceMonitor selector %s=%s does not select the Service", k, v)
		}
	}
	if len(sm.Spec.Endpoints) != 1 || sm.Spec.Endpoints[0].Port != svc.Spec.Ports[0].Name || sm.Spec.Endpoints[0].Path != "/metrics" {
		t.Errorf("ServiceMonitor endpoints %+v", sm.Spec.Endpoints)
	}
	ingress, err := os.ReadFile("k8s/ingress.example.yaml")
	if err != nil || !strings.Contains(string(ingress), "path: /webhook/") || strings.Contains(string(ingress), "path: /\n") {
		t.Errorf("ingress.example.yaml must expose /webhook/ alone (%v)", err)
	}
}

// TestKustomizeBuild renders the base with kubectl, when it is installed.
func TestKustomizeBuild(t *testing.T) {
	kubectl, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("kubectl not installed: the kustomization is checked by reading its resources only")
	}
	out, err := exec.Command(kubectl, "kustomize", "k8s").CombinedOutput()
	if err != nil {
		t.Fatalf("kubectl kustomize k8s: %v\n%s", err, out)
	}
	rendered := filepath.Join(t.TempDir(), "rendered.yaml")
	if err := os.WriteFile(rendered, out, 0o600); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, doc := range readDocs(t, rendered) {
		kinds = append(kinds, doc["kind"].(string))
	}
	slices.Sort(kinds)
	if want := []string{"ConfigMap", "Deployment", "PersistentVolumeClaim", "Service"}; !slices.Equal(kinds, want) {
		t.Errorf("rendered kinds %v, want %v", kinds, want)
	}
	if !strings.Contains(string(out), "image: registry.example.org/spplus/spplus:0.1.0") {
		t.Errorf("the images transformer did not apply:\n%s", out)
	}
}
