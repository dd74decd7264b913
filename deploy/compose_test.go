// Package deploy holds deployment examples; this test keeps compose.yaml
// in step with Payvand's settings. No Docker engine runs it: it parses the
// file and reads each instance's environment through Payvand's own
// configuration loader.
package deploy

import (
	"bytes"
	"net/netip"
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/payvand/payvand/internal/config"
)

type composeFile struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Environment map[string]string `yaml:"environment"`
		Networks    yaml.Node         `yaml:"networks"`
		DependsOn   yaml.Node         `yaml:"depends_on"`
	} `yaml:"services"`
	Networks map[string]struct {
		IPAM struct {
			Config []struct {
				Subnet string `yaml:"subnet"`
			} `yaml:"config"`
		} `yaml:"ipam"`
	} `yaml:"networks"`
}

// interpolation is compose's ${NAME}, ${NAME:-default} and ${NAME:?error}.
var interpolation = regexp.MustCompile(`\$\{([A-Z_]+)(?::([-?])([^}]*))?\}`)

// substitute fills variables as compose would when only the required ones
// are set (to "secret").
func substitute(v string) string {
	return interpolation.ReplaceAllStringFunc(v, func(m string) string {
		p := interpolation.FindStringSubmatch(m)
		if p[2] == "-" {
			return p[3]
		}
		return "secret"
	})
}

func TestComposeRunsTwoInstancesOnPostgreSQLAndABucket(t *testing.T) {
	raw, err := os.ReadFile("compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f composeFile
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatalf("compose.yaml does not parse: %v", err)
	}
	if img := f.Services["postgres"].Image; img != "postgres:15" {
		t.Errorf("postgres image %q, want postgres:15", img)
	}
	for _, name := range []string{"minio", "bucket", "proxy"} {
		if _, ok := f.Services[name]; !ok {
			t.Errorf("no %s service", name)
		}
	}
	caddyfile, err := os.ReadFile("Caddyfile")
	if err != nil {
		t.Fatal(err)
	}
	subnet := netip.MustParsePrefix(f.Networks["payvand"].IPAM.Config[0].Subnet)
	for _, name := range []string{"payvand-a", "payvand-b"} {
		env := map[string]string{"PAYVAND_DATA": "/data", "PAYVAND_ADDR": ":8080"} // from the Dockerfile
		for k, v := range f.Services[name].Environment {
			env[k] = substitute(v)
		}
		var usage bytes.Buffer
		config.PrintUsage(&usage)
		for k := range env {
			if strings.HasPrefix(k, "PAYVAND_") && k != config.AdminPasswordEnv && !strings.Contains(usage.String(), k) {
				t.Errorf("%s sets %s, which Payvand does not read", name, k)
			}
		}
		cfg, err := config.Load(nil, func(k string) string { return env[k] }, &usage)
		if err != nil {
			t.Fatalf("%s: Payvand refuses its settings: %v", name, err)
		}
		if !strings.HasPrefix(cfg.DatabaseURL(), "postgres://") || !strings.Contains(cfg.DatabaseURL(), "@postgres:5432/") {
			t.Errorf("%s: database %q is not the postgres service", name, cfg.DatabaseURL())
		}
		if cfg.MediaS3 == nil || cfg.MediaS3.Bucket != "payvand" || cfg.MediaCredentials.AccessKey == "" {
			t.Errorf("%s: media store %+v is not the bucket the bucket step creates", name, cfg.MediaS3)
		}
		for _, proxy := range cfg.TrustedProxies {
			if p, err := netip.ParsePrefix(proxy); err != nil || p != subnet {
				t.Errorf("%s trusts %q, want the compose network %s", name, proxy, subnet)
			}
		}
		if !bytes.Contains(caddyfile, []byte(name+":8080")) {
			t.Errorf("the Caddyfile does not send requests to %s:8080", name)
		}
	}
}
