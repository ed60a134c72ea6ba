package ui

// chart is a stacked bar chart drawn server-side as SVG: geometry is
// computed here, the template only writes the shapes. The same numbers are
// also given as a table on the page, for people who cannot see the chart.
type chart struct {
	ID, Title   string
	Width       int
	Height      int
	PlotLeft    int
	PlotBottom  int
	PlotRight   int
	Bars        []bar
	Ticks       []tick
	Legend      []legendItem
	LegendY     int
	Empty       bool
	AxisLabelsY int
}

// bar is one month.
type bar struct {
	X, Width, LabelX int
	Label            string
	Segments         []segment
}

// segment is one series of a bar; Title is its tooltip.
type segment struct {
	Y, Height int
	Fill      string
	Title     string
}

type tick struct {
	Y     int
	Label string
}

type legendItem struct {
	X     int
	Label string
	Fill  string
}

// series is one stacked series: its label, colour and value per month.
type series struct {
	Label string
	Fill  string
	Value func(monthState) int
}

// Colours: the levels' metals, DSFR's error red for "none", a light grey
// for undecided; success green and warning orange for completeness.
var levelSeries = []series{
	{"Or", "#C3992A", func(m monthState) int { return m.Levels["or"] }},
	{"Argent", "#8C8C8C", func(m monthState) int { return m.Levels["argent"] }},
	{"Bronze", "#A0673F", func(m monthState) int { return m.Levels["bronze"] }},
	{"Aucun palier", "#CE0500", func(m monthState) int { return m.Levels["none"] }},
	{"Non déterminé", "#D5D5D5", func(m monthState) int { return m.Levels[levelUndecided] }},
}

var completeSeries = []series{
	{"Complets", "#18753C", func(m monthState) int { return m.Complete }},
	{"Incomplets", "#B34000", func(m monthState) int { return m.Total - m.Complete }},
}

func levelChart(months []monthState) chart {
	return stackedChart("graphique-niveaux", "Niveaux des dossiers à la fin de chaque mois", months, levelSeries)
}

func completeChart(months []monthState) chart {
	return stackedChart("graphique-complets", "Dossiers complets et incomplets à la fin de chaque mois", months, completeSeries)
}

// Geometry of a chart, in SVG user units.
const (
	chartWidth  = 720
	chartHeight = 280
	plotLeft    = 44
	plotTop     = 12
	plotBottom  = 214
	axisLabelsY = 232
	legendY     = 262
)

func stackedChart(id, title string, months []monthState, ss []series) chart {
	c := chart{ID: id, Title: title, Width: chartWidth, Height: chartHeight, PlotLeft: plotLeft,
		PlotBottom: plotBottom, PlotRight: chartWidth - 8, LegendY: legendY, AxisLabelsY: axisLabelsY}
	top := niceMax(maxTotal(months, ss))
	c.Empty = top == 0
	if top == 0 {
		top = 4
	}
	scale := float64(plotBottom-plotTop) / float64(top)
	slot := (c.PlotRight - plotLeft) / max(1, len(months))
	for i, m := range months {
		b := bar{X: plotLeft + i*slot + slot/5, Width: slot * 3 / 5, LabelX: plotLeft + i*slot + slot/2, Label: m.Label}
		y := plotBottom
		for _, s := range ss {
			v := s.Value(m)
			if v == 0 {
				continue
			}
			h := int(float64(v)*scale + 0.5)
			y -= h
			b.Segments = append(b.Segments, segment{Y: y, Height: h, Fill: s.Fill, Title: m.Label + " : " + s.Label + " " + itoa(v)})
		}
		c.Bars = append(c.Bars, b)
	}
	for i := 0; i <= 4; i++ {
		v := top * i / 4
		c.Ticks = append(c.Ticks, tick{Y: plotBottom - int(float64(v)*scale+0.5), Label: itoa(v)})
	}
	for i, s := range ss {
		c.Legend = append(c.Legend, legendItem{X: plotLeft + i*130, Label: s.Label, Fill: s.Fill})
	}
	return c
}

func maxTotal(months []monthState, ss []series) int {
	top := 0
	for _, m := range months {
		t := 0
		for _, s := range ss {
			t += s.Value(m)
		}
		top = max(top, t)
	}
	return top
}

// niceMax rounds n up to a multiple of 4 (small counts) or of a round
// step, so that the four ticks are whole numbers.
func niceMax(n int) int {
	if n <= 0 {
		return 0
	}
	for _, step := range []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000} {
		if n <= step*4 {
			return step * 4
		}
	}
	return (n + 3999) / 4000 * 4000
}
