package report

import (
	_ "embed"
	"html/template"
	"io"
)

//go:embed report.html.tmpl
var page string

// Arithmetic for laying out labels next to marks; in a pipeline
// "x | minus 6" is x - 6.
var layout = template.FuncMap{
	"plus":  func(a, b float64) float64 { return b + a },
	"minus": func(a, b float64) float64 { return b - a },
	"half":  func(a float64) float64 { return a / 2 },
}

var reportTemplate = template.Must(template.New("report").Funcs(layout).Parse(page))

// Render writes d as one self-contained HTML page: styles inline, charts as
// inline SVG, no script, and a content security policy that forbids loading
// anything, so the page looks the same offline and cannot call home.
func Render(w io.Writer, d *Data) error {
	return reportTemplate.Execute(w, newView(d))
}
