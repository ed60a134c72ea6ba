package gen

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strconv"
)

// level is a label level the generator aims at (RULES.md, "Levels").
type level uint8

const (
	levelBelow level = iota // below bronze: refused
	levelBronze
	levelArgent
	levelOr
)

// name returns the level as the rules print it.
func (l level) name() string {
	return [...]string{"none", "bronze", "argent", "or"}[l]
}

// option returns the level as the "Niveau obtenu" drop-down spells it.
func (l level) option() string {
	return [...]string{OptionLevelNone, OptionLevelBronze, OptionLevelArgent, OptionLevelOr}[l]
}

// gridPoint is one control point of a local audit grid; engagement 0 is an
// "Or" criterion.
type gridPoint struct {
	point      string
	engagement int
	q          cell
}

// gridMinimum is the lowest engagement note (0..1) each level requires.
func gridMinimum(l level) float64 {
	return [...]float64{0, 0.50, 0.65, 0.80}[l]
}

// newLocalGrid draws an audit grid (§3.7.1) whose every engagement meets
// level l; for levelBelow one engagement is under 50.
func newLocalGrid(rng *rand.Rand, l level) []gridPoint {
	target := [...]float64{0.62, 0.66, 0.78, 0.9}[l]
	var pts []gridPoint
	weak := 1 + rng.IntN(8)
	for e := 1; e <= 8; e++ {
		scores := drawScores(rng, 3+rng.IntN(4), target)
		switch {
		case l == levelBelow && e == weak:
			lowerUntil(scores, 0.45)
		default:
			raiseUntil(scores, gridMinimum(max(l, levelBronze))+0.01)
		}
		for i, q := range scores {
			pts = append(pts, gridPoint{fmt.Sprintf("%d.%d", e, i+1), e, q})
		}
	}
	orScores := drawScores(rng, 4+rng.IntN(3), target-0.08)
	if l == levelOr {
		raiseUntil(orScores, 0.81)
	}
	for i, q := range orScores {
		pts = append(pts, gridPoint{fmt.Sprintf("OR.%d", i+1), 0, q})
	}
	return pts
}

func drawScores(rng *rand.Rand, n int, target float64) []cell {
	cdf := quarterCDF(target + (rng.Float64()-0.5)*0.1)
	out := make([]cell, n)
	for i := range out {
		out[i] = draw(rng, cdf)
	}
	return out
}

func cellsMean(cs []cell) float64 {
	s := 0
	for _, c := range cs {
		s += int(c)
	}
	return float64(s) / float64(4*len(cs))
}

// raiseUntil steps the lowest scores up (0 → 0.25 → 0.75 → 1) until the
// mean reaches minimum.
func raiseUntil(cs []cell, minimum float64) {
	for cellsMean(cs) < minimum {
		low := 0
		for i, c := range cs {
			if c < cs[low] {
				low = i
			}
		}
		if cs[low] == 4 {
			return
		}
		cs[low] = stepUp(cs[low])
	}
}

// lowerUntil steps the highest scores down until the mean is below maximum.
func lowerUntil(cs []cell, maximum float64) {
	for cellsMean(cs) >= maximum {
		high := 0
		for i, c := range cs {
			if c > cs[high] {
				high = i
			}
		}
		if cs[high] == 0 {
			return
		}
		cs[high] = stepDown(cs[high])
	}
}

// stepUp returns the next score up the scale 0, 0.25, 0.75, 1.
func stepUp(c cell) cell {
	switch c {
	case 0:
		return 1
	case 1:
		return 3
	default:
		return 4
	}
}

// stepDown returns the next score down the scale.
func stepDown(c cell) cell {
	switch c {
	case 4:
		return 3
	case 3:
		return 1
	default:
		return 0
	}
}

// renderLocalGrid writes `point,engagement,score`; with semicolon the
// delimiter is ";" and decimals use a comma. halfPoint puts a 0.5 (a score
// the grid does not allow) on one row.
func renderLocalGrid(rng *rand.Rand, pts []gridPoint, semicolon, halfPoint bool) (renderedFile, error) {
	rows := [][]string{{"point", "engagement", "score"}}
	bad := -1
	if halfPoint {
		bad = rng.IntN(len(pts))
	}
	for i, p := range pts {
		eng := "OR"
		if p.engagement > 0 {
			eng = strconv.Itoa(p.engagement)
		}
		score := pointsText(p.q, semicolon)
		if i == bad {
			score = "0.5"
			if semicolon {
				score = "0,5"
			}
		}
		rows = append(rows, []string{p.point, eng, score})
	}
	comma := ','
	if semicolon {
		comma = ';'
	}
	return gridCSV(rows, comma)
}

// newCentralGrid draws a central-service grid (§3.7.2): 20 to 30 points,
// at least 80 % validated when pass, under 75 % otherwise.
func newCentralGrid(rng *rand.Rand, pass bool) []bool {
	n := 20 + rng.IntN(11)
	validated := (4*n + 4) / 5
	if pass {
		validated += rng.IntN(n - validated + 1)
	} else {
		validated = n*55/100 + rng.IntN(n*15/100)
	}
	out := make([]bool, n)
	for i := range validated {
		out[i] = true
	}
	rng.Shuffle(n, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// renderCentralGrid writes `point,validated` with oui/non.
func renderCentralGrid(pts []bool) (renderedFile, error) {
	rows := [][]string{{"point", "validated"}}
	for i, ok := range pts {
		v := "non"
		if ok {
			v = "oui"
		}
		rows = append(rows, []string{fmt.Sprintf("C%d", i+1), v})
	}
	return gridCSV(rows, ',')
}

func gridCSV(rows [][]string, comma rune) (renderedFile, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = comma
	if err := w.WriteAll(rows); err != nil {
		return renderedFile{}, fmt.Errorf("write grid csv: %w", err)
	}
	return renderedFile{b.Bytes(), "csv", contentCSV}, nil
}
