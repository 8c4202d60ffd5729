package kubeconfig

import (
	"os"
	"strings"
	"testing"
)

func TestParseHostileYAML(t *testing.T) {
	laughs := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		laughs += n + ": &" + n + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n"
		prev = n
	}
	tests := []struct{ name, data, want string }{
		{"billion laughs", laughs, "excessive aliasing"},
		{"deep nesting", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), "exceeded max depth"},
		{"deep mappings", strings.Repeat("{a: ", 20000) + "1" + strings.Repeat("}", 20000), "exceeded max depth"},
		{"tab indent", "clusters:\n\t- name: a\n", "line 2"},
		{"binary", "\x00\xff\xfe clusters", "control characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse([]byte(tt.data))
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", cfg)
			}
			if !strings.HasPrefix(err.Error(), "kubeconfig: yaml: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want a YAML error containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadFileRefusesEndlessFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Fatalf("this test needs /dev/zero: %v", err)
	}
	_, err := LoadFile("/dev/zero")
	if err == nil || !strings.Contains(err.Error(), "larger than") || !strings.HasPrefix(err.Error(), "kubeconfig /dev/zero: ") {
		t.Errorf("error = %v, want a size error naming the file", err)
	}
}
