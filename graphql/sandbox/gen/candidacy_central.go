package gen

// fillCentral fills a central service's candidacy (§2.2.2, §3.9.2): its
// number of local services, the locals audited and labelled this year, and
// the central grid once the audit is over.
func (c *candidacy) fillCentral() error {
	if err := c.fillPieces(KeyIdentification, KeyOrganigram, KeyActionPlan); err != nil {
		return err
	}
	n := 9 + c.rng.IntN(110)
	c.v.ints[KeyLocalServices] = n
	c.v.locals = c.locals(n)
	if c.tl.gridAt.IsZero() {
		return nil
	}
	a, err := c.pools.centralGrid(c.sc.sub != centralGridBelow75, c.rng.IntN(poolVariants))
	if err != nil {
		return err
	}
	c.v.addFile(KeyCentralGrid, a.ref.file("grille-audit-central."+a.ext, c.tl.gridAt, "safe"))
	c.v.updated[KeyCentralGrid] = c.tl.gridAt
	return nil
}

// locals draws the rows of "Services locaux labellisés": at least ⌈√n⌉ of
// them (D8) unless the sample is meant to be too small.
func (c *candidacy) locals(n int) []localRow {
	need := ceilSqrt(n)
	k := need + c.rng.IntN(3)
	switch c.sc.sub {
	case centralSampleTooSmall:
		k = max(1, need-1-c.rng.IntN(2))
	case centralTie:
		k = max(4, need+need%2)
	}
	levels := c.localLevels(k)
	deps := departements()
	c.rng.Shuffle(len(deps), func(i, j int) { deps[i], deps[j] = deps[j], deps[i] })
	rows := make([]localRow, k)
	for i := range rows {
		d := deps[i%len(deps)]
		rows[i] = localRow{
			ulid:          newULID(c.tl.deposit, c.rng),
			name:          fill(c.id.central.Local, d, d.Cities[0]),
			auditedYear:   c.tl.audit.Year(),
			level:         levels[i],
			selfDiagnosis: days(c.tl.audit, -(20 + c.rng.IntN(300))),
		}
	}
	return rows
}

// localLevels draws k levels, at least 75 % labelled, with one level held
// by strictly the most locals (D9), except in the tie scenario.
func (c *candidacy) localLevels(k int) []level {
	out := make([]level, k)
	if c.sc.sub == centralTie {
		for i := range out {
			out[i] = levelArgent - level(i%2)
		}
		return out
	}
	labelled := (3*k + 3) / 4
	labelled += c.rng.IntN(k - labelled + 1)
	for i := range labelled {
		out[i] = [...]level{levelBronze, levelBronze, levelArgent, levelArgent, levelArgent, levelOr}[c.rng.IntN(6)]
	}
	breakTie(out[:labelled])
	c.rng.Shuffle(k, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// breakTie makes the most frequent level unique by moving one local from
// each other level that has as many to the highest of them.
func breakTie(ls []level) {
	var count [4]int
	for _, l := range ls {
		count[l]++
	}
	top := plurality(ls)
	for i, l := range ls {
		if l != top && count[l] == count[top] {
			count[l]--
			ls[i] = top
		}
	}
}

// plurality returns the level held by the most labelled locals, the higher
// one on a tie (the caller breaks ties; D9's lower-level rule is the rules').
func plurality(ls []level) level {
	var count [4]int
	for _, l := range ls {
		if l != levelBelow {
			count[l]++
		}
	}
	best := levelBelow
	for l := levelBronze; l <= levelOr; l++ {
		if count[l] > 0 && count[l] >= count[best] {
			best = l
		}
	}
	return best
}

// ceilSqrt returns the smallest k with k×k ≥ n (D8).
func ceilSqrt(n int) int {
	k := 0
	for k*k < n {
		k++
	}
	return k
}
