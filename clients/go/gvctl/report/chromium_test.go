package report_test

import (
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// probe is injected ahead of the report's own content (and its content
// security policy): it records errors and, once the page has loaded, every
// chart's size and how many of its marks have a non-empty box, and every
// resource the page fetched, into a <pre> that --dump-dom prints.
const probe = `<script>
(function () {
  var problems = [];
  window.addEventListener('error', function (e) {
    problems.push('error: ' + (e.message || (e.target && (e.target.src || e.target.href)) || e.type));
  }, true);
  document.addEventListener('securitypolicyviolation', function (e) {
    problems.push('blocked: ' + e.violatedDirective + ' ' + e.blockedURI);
  });
  window.addEventListener('load', function () {
    var charts = Array.prototype.map.call(document.querySelectorAll('svg[data-chart]'), function (svg) {
      var box = svg.getBoundingClientRect();
      var drawn = Array.prototype.filter.call(svg.querySelectorAll('rect, circle, path'), function (mark) {
        var b = mark.getBoundingClientRect();
        return b.width > 0 && b.height > 0;
      });
      return {chart: svg.getAttribute('data-chart'), width: box.width, height: box.height, marks: drawn.length};
    });
    var resources = performance.getEntriesByType('resource').map(function (r) { return r.name; });
    var out = document.createElement('pre');
    out.id = 'gvctl-probe';
    out.textContent = JSON.stringify({problems: problems, charts: charts, resources: resources});
    document.body.appendChild(out);
  });
})();
</script>`

type chartBox struct {
	Chart         string
	Width, Height float64
	Marks         int
}

// page is what headless Chromium saw of a report.
type page struct {
	Problems  []string
	Charts    []chartBox
	Resources []string
	// Console holds every console message Chromium logged; the report has
	// no script, so any is a failure (a blocked load, a parse error).
	Console []string
}

var probeOutput = regexp.MustCompile(`(?s)<pre id="gvctl-probe">(.*?)</pre>`)

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser"} {
		if name == "" {
			continue
		}
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Fatal("no chromium: run tools/setup (Debian package chromium) or set CHROMIUM")
	return ""
}

// openInChromium loads the report at path in headless Chromium, with the
// probe added, and returns what it saw.
func openInChromium(t *testing.T, path string) page {
	t.Helper()
	report, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	probed := filepath.Join(t.TempDir(), "probed.html")
	if err := os.WriteFile(probed, []byte(strings.Replace(string(report), "<head>", "<head>"+probe, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(chromium(t), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--window-size=1200,900", "--enable-logging=stderr", "--v=0",
		"--virtual-time-budget=5000", "--dump-dom", "file://"+probed)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	timer := time.AfterFunc(60*time.Second, func() { _ = cmd.Process.Kill() })
	dom, err := cmd.Output()
	timer.Stop()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	m := probeOutput.FindSubmatch(dom)
	if m == nil {
		t.Fatalf("the probe did not run; chromium said:\n%s", stderr.String())
	}
	var seen page
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &seen); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			seen.Console = append(seen.Console, line)
		}
	}
	return seen
}
