package rules

import (
	"fmt"
	"math/big"
	"strings"
)

// Score is an exact value on the 0–100 scale (a note, a score, a rate in
// percent), or no value at all. It keeps the exact rational so that every
// threshold is compared on the true value (decision D1); only String,
// French and MarshalJSON round, half away from zero, to two decimals.
//
// The zero Score has no value and marshals to null. A Score is immutable:
// methods never change the rational they hold.
type Score struct {
	r *big.Rat
}

// NewScore returns the exact score num/den. A zero den gives no value.
func NewScore(num, den int64) Score {
	if den == 0 {
		return Score{}
	}
	return Score{r: big.NewRat(num, den)}
}

// ScoreFromRat returns a Score holding a copy of r (nil gives no value).
func ScoreFromRat(r *big.Rat) Score {
	if r == nil {
		return Score{}
	}
	return Score{r: new(big.Rat).Set(r)}
}

// quarterMean is the score of sum quarter points over n answers, ×100:
// sum/(4n)×100 = 25·sum/n. n = 0 gives no value.
func quarterMean(sum, n int64) Score {
	if n <= 0 {
		return Score{}
	}
	return Score{r: new(big.Rat).SetFrac(big.NewInt(25*sum), big.NewInt(n))}
}

// percentOf is 100·part/whole, or no value when whole ≤ 0.
func percentOf(part, whole int64) Score {
	if whole <= 0 {
		return Score{}
	}
	num := new(big.Int).Mul(big.NewInt(part), big.NewInt(100))
	return Score{r: new(big.Rat).SetFrac(num, big.NewInt(whole))}
}

// meanOf is the exact mean of the scores that have a value, or no value when
// none has.
func meanOf(scores []Score) Score {
	sum, n := new(big.Rat), int64(0)
	for _, s := range scores {
		if s.Known() {
			sum.Add(sum, s.r)
			n++
		}
	}
	if n == 0 {
		return Score{}
	}
	return Score{r: sum.Quo(sum, new(big.Rat).SetInt64(n))}
}

// Known reports whether s holds a value.
func (s Score) Known() bool { return s.r != nil }

// Rat returns a copy of the exact value, or nil when s has none.
func (s Score) Rat() *big.Rat {
	if s.r == nil {
		return nil
	}
	return new(big.Rat).Set(s.r)
}

// Float64 returns the nearest float64, for display or metrics only (never for
// a threshold), and 0 when s has no value.
func (s Score) Float64() float64 {
	if s.r == nil {
		return 0
	}
	f, _ := s.r.Float64()
	return f
}

// Cmp compares s with the threshold t exactly: -1, 0 or +1. A Score with no
// value compares below every threshold.
func (s Score) Cmp(t Ratio) int {
	if s.r == nil {
		return -1
	}
	return s.r.Cmp(t.rat())
}

// AtLeast reports whether s has a value ≥ t ("score minimal de 50/100" is
// inclusive, decision D1).
func (s Score) AtLeast(t Ratio) bool { return s.r != nil && s.Cmp(t) >= 0 }

// Below reports whether s has a value < t.
func (s Score) Below(t Ratio) bool { return s.r != nil && s.Cmp(t) < 0 }

// Equal reports whether s and o hold the same exact value (or both none).
func (s Score) Equal(o Score) bool {
	if s.r == nil || o.r == nil {
		return s.r == nil && o.r == nil
	}
	return s.r.Cmp(o.r) == 0
}

// DiffersBy reports whether |s − o| > tol exactly; false when either has no value.
func (s Score) DiffersBy(o Score, tol Ratio) bool {
	if s.r == nil || o.r == nil {
		return false
	}
	d := new(big.Rat).Sub(s.r, o.r)
	return d.Abs(d).Cmp(tol.rat()) > 0
}

// Hundredths returns s×100 rounded half away from zero (74.305 → 7431), and
// false when s has no value.
func (s Score) Hundredths() (*big.Int, bool) {
	if s.r == nil {
		return nil, false
	}
	// round(|x|·100) = floor((2·|num|·100 + den) / (2·den)).
	num := new(big.Int).Abs(s.r.Num())
	num.Mul(num, big.NewInt(200))
	num.Add(num, s.r.Denom())
	den := new(big.Int).Mul(s.r.Denom(), big.NewInt(2))
	q := num.Quo(num, den)
	if s.r.Sign() < 0 {
		q.Neg(q)
	}
	return q, true
}

// String formats s rounded to two decimals with the shortest form JSON
// allows ("74.31", "72.5", "80"), or "null".
func (s Score) String() string {
	q, ok := s.Hundredths()
	if !ok {
		return "null"
	}
	intPart, frac := splitHundredths(q)
	switch {
	case frac == 0:
		return intPart
	case frac%10 == 0:
		return fmt.Sprintf("%s.%d", intPart, frac/10)
	default:
		return fmt.Sprintf("%s.%02d", intPart, frac)
	}
}

// French formats s with two decimals and a decimal comma ("68,50"), or
// "non calculé" when s has no value.
func (s Score) French() string {
	q, ok := s.Hundredths()
	if !ok {
		return "non calculé"
	}
	intPart, frac := splitHundredths(q)
	return fmt.Sprintf("%s,%02d", intPart, frac)
}

func splitHundredths(q *big.Int) (string, int64) {
	abs := new(big.Int).Abs(q)
	ip, fp := new(big.Int).QuoRem(abs, big.NewInt(100), new(big.Int))
	s := ip.String()
	if q.Sign() < 0 {
		s = "-" + s
	}
	return s, fp.Int64()
}

// MarshalJSON writes s rounded to two decimals as a JSON number, or null.
func (s Score) MarshalJSON() ([]byte, error) { return []byte(s.String()), nil }

// ParseScore reads a decimal number ("74.31", "74,31", "7.431e1") exactly;
// it is how a declared score is compared with a computed one.
func ParseScore(text string) (Score, error) {
	t := strings.Replace(strings.TrimSpace(text), ",", ".", 1)
	// The pattern keeps big.Rat away from fractions, base prefixes and
	// exponents so large that the value would fill the memory.
	if len(t) > 64 || !isDecimal(t) {
		return Score{}, fmt.Errorf("expected a decimal number, got %q", text)
	}
	r, ok := new(big.Rat).SetString(t)
	if !ok {
		return Score{}, fmt.Errorf("expected a decimal number, got %q", text)
	}
	return Score{r: r}, nil
}

// Ratio is an exact threshold Num/Den on the scale of the value it bounds:
// Percent(70) is 70/100 on a score, Ratio{1, 100} is 0.01 point. A Den of
// zero or less reads as 1, so that a bad setting cannot crash an evaluation
// (Settings.Validate reports it).
type Ratio struct {
	Num int64 `json:"num" yaml:"num"`
	Den int64 `json:"den" yaml:"den"`
}

// Percent returns the whole-number threshold n (n/1).
func Percent(n int64) Ratio { return Ratio{Num: n, Den: 1} }

func (t Ratio) rat() *big.Rat {
	den := t.Den
	if den <= 0 {
		den = 1
	}
	return big.NewRat(t.Num, den)
}

// Score returns t as a Score, e.g. to print it in a message.
func (t Ratio) Score() Score { return Score{r: t.rat()} }

// String formats t like a Score ("70", "0.01").
func (t Ratio) String() string { return t.Score().String() }

// isDecimal accepts [+-]digits[.digits][e[+-]d[d]]: a plain decimal with an
// exponent of at most two digits.
func isDecimal(t string) bool {
	i := 0
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		i++
	}
	n := digitRun(t[i:])
	if n == 0 {
		return false
	}
	i += n
	if i < len(t) && t[i] == '.' {
		n = digitRun(t[i+1:])
		if n == 0 {
			return false
		}
		i += 1 + n
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		i++
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			i++
		}
		n = digitRun(t[i:])
		if n == 0 || n > 2 {
			return false
		}
		i += n
	}
	return i == len(t)
}

func digitRun(t string) int {
	n := 0
	for n < len(t) && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	return n
}
