package gen

import (
	"fmt"
	"math/rand/v2"

	"github.com/spplus/spplus/rules"
)

// Attached files come from pools of variants shared by all dossiers: the
// content of variant i of a pool depends only on the seed and the pool key,
// never on which dossier asked first, and each content is stored once. That
// keeps 10,000 dossiers small and the output independent of order.
const (
	poolVariants = 24 // per survey band and per grid level
	flawVariants = 4  // per defective kind
)

type assetKind uint8

const (
	assetUsers assetKind = iota + 1
	assetAgents
	assetGrid
	assetCentralGrid
	assetPiece
)

// bandFew is the survey band of too few admissible respondents (the other
// bands are levels).
const bandFew = 4

type poolKey struct {
	kind    assetKind
	band    int
	variant int
	flaw    defect
	half    bool // local grid with a 0.5
}

// asset is a pooled file and what the generator knows about it.
type asset struct {
	ref   blobRef
	ext   string
	stats surveyStats
}

// pools caches the assets drawn so far.
type pools struct {
	seed  int64
	q     rules.Questionnaires
	blobs *blobStore
	cache map[poolKey]asset
}

func newPools(seed int64, blobs *blobStore) *pools {
	return &pools{seed: seed, q: rules.DefaultQuestionnaires(), blobs: blobs, cache: map[poolKey]asset{}}
}

// rng returns the random stream of one pool variant. The high bit keeps
// these streams apart from the dossiers' (numbered from 1).
func (p *pools) rng(k poolKey) *rand.Rand {
	half := uint64(0)
	if k.half {
		half = 1
	}
	stream := 1<<63 | uint64(k.kind)<<48 | uint64(k.band)<<40 | uint64(k.flaw)<<32 | half<<31 | uint64(k.variant)
	return rand.New(rand.NewPCG(uint64(p.seed), stream))
}

func (p *pools) get(k poolKey, build func(*rand.Rand) (renderedFile, surveyStats, error)) (asset, error) {
	if a, ok := p.cache[k]; ok {
		return a, nil
	}
	f, st, err := build(p.rng(k))
	if err != nil {
		return asset{}, err
	}
	a := asset{ref: p.blobs.put(f.data, f.contentType), ext: f.ext, stats: st}
	p.cache[k] = a
	return a, nil
}

// piece returns the PDF shared by every dossier for the piece titled title.
func (p *pools) piece(index int, title string) (asset, error) {
	return p.get(poolKey{kind: assetPiece, band: index}, func(*rand.Rand) (renderedFile, surveyStats, error) {
		return renderedFile{minimalPDF(title), "pdf", contentPDF}, surveyStats{}, nil
	})
}

// survey returns a survey file of the given kind and band.
func (p *pools) survey(kind rules.SurveyKind, band, variant int, flaw defect) (asset, error) {
	k := poolKey{kind: assetUsers, band: band, variant: variant % poolVariants, flaw: flaw}
	if kind == rules.AgentsSurvey {
		k.kind = assetAgents
	}
	if flaw != defectNone {
		k.variant %= flawVariants
	}
	return p.get(k, func(rng *rand.Rand) (renderedFile, surveyStats, error) {
		return p.drawSurvey(rng, kind, band, flaw)
	})
}

// localGrid returns an audit grid meeting level l (with a 0.5 when half).
func (p *pools) localGrid(l level, variant int, half bool) (asset, error) {
	k := poolKey{kind: assetGrid, band: int(l), variant: variant % poolVariants, half: half}
	if half {
		k.variant %= flawVariants
	}
	return p.get(k, func(rng *rand.Rand) (renderedFile, surveyStats, error) {
		f, err := renderLocalGrid(rng, newLocalGrid(rng, l), rng.IntN(4) == 0, half)
		return f, surveyStats{}, err
	})
}

// centralGrid returns a central grid that passes the 75 % rule or not.
func (p *pools) centralGrid(pass bool, variant int) (asset, error) {
	band := 0
	if pass {
		band = 1
	}
	k := poolKey{kind: assetCentralGrid, band: band, variant: variant % poolVariants}
	return p.get(k, func(rng *rand.Rand) (renderedFile, surveyStats, error) {
		f, err := renderCentralGrid(newCentralGrid(rng, pass))
		return f, surveyStats{}, err
	})
}

// drawSurvey draws a survey whose score falls in band (retrying a few
// times: the draw is random, the band is a promise) and renders it.
func (p *pools) drawSurvey(rng *rand.Rand, kind rules.SurveyKind, band int, flaw defect) (renderedFile, surveyStats, error) {
	layout := p.q.Users
	if kind == rules.AgentsSurvey {
		layout = p.q.Agents
	}
	format := pickFormat(rng, band, flaw)
	plan := surveyPlan{
		respondents:  respondents(rng, kind, band, format),
		mean:         bandMean(kind, band),
		withComplete: band == bandFew || (format != formatDistribution && rng.IntN(5) < 2),
	}
	var s survey
	for range 30 {
		s = newSurvey(rng, layout, plan)
		if band == bandFew {
			capAdmissible(s, fewAdmissible(kind))
		}
		if inBand(kind, band, s.stats()) {
			break
		}
	}
	st := s.stats()
	f, err := renderSurvey(rng, s, format, newCellStyle(rng, format, kind, p.q), plan.withComplete, flaw)
	if err != nil {
		return f, st, fmt.Errorf("%s survey: %w", kind, err)
	}
	return f, st, nil
}

// pickFormat draws a file format: mostly CSV, some XLSX, some aggregated.
// Too-few surveys need per-respondent rows (their point is the `complete`
// column) and defects are CSV-level.
func pickFormat(rng *rand.Rand, band int, flaw defect) fileFormat {
	u := rng.IntN(100)
	switch {
	case flaw != defectNone:
		return fileFormat(u % 2) // CSV, comma or semicolon
	case band == bandFew && u >= 80:
		return formatCSVComma
	case u < 30:
		return formatCSVComma
	case u < 55:
		return formatCSVSemicolon
	case u < 70:
		return formatCSV1252
	case u < 85:
		return formatXLSX
	default:
		return formatDistribution
	}
}
