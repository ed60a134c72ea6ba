package connector

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/rs/zerolog"

	"github.com/spplus/spplus/connector/store"
)

// passer is what the schedule needs of a Syncer.
type passer interface {
	Sync(ctx context.Context, demarche int, trigger string) (PassReport, error)
}

// Schedule runs a pass of each configured démarche on its cron spec, in
// Europe/Paris time, plus one pass at start so that a restart does not
// wait for the next tick. Panics in a pass are recovered and logged; a tick
// that comes while the previous pass of the démarche still runs is skipped
// (and the Syncer's lock refuses overlap from any other caller too).
type Schedule struct {
	syncer passer
	specs  map[int]string
	log    zerolog.Logger
	cron   *cron.Cron

	mu      sync.Mutex
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	started bool
	stopped bool
}

// NewSchedule builds the schedule of every démarche of s's config, checking
// each spec. It starts nothing.
func NewSchedule(s *Syncer, log zerolog.Logger) (*Schedule, error) {
	specs := map[int]string{}
	for _, d := range s.opts.Config.Demarches {
		specs[d.Number] = d.Schedule
	}
	return newSchedule(s, specs, s.paris, log)
}

func newSchedule(p passer, specs map[int]string, loc *time.Location, log zerolog.Logger) (*Schedule, error) {
	l := log.With().Str("component", "schedule").Logger()
	adapter := cronLogger{l}
	c := cron.New(cron.WithLocation(loc), cron.WithLogger(adapter),
		cron.WithChain(cron.Recover(adapter), cron.SkipIfStillRunning(adapter)))
	for n, spec := range specs {
		if _, err := cron.ParseStandard(spec); err != nil {
			return nil, fmt.Errorf("démarche %d: schedule %q: %w", n, spec, err)
		}
	}
	return &Schedule{syncer: p, specs: specs, log: l, cron: c}, nil
}

// Start registers one job per démarche (each closing over ctx, the root
// context: cancelling it stops the passes), starts the cron, and runs one
// pass of each démarche now. It fails if called twice.
func (sc *Schedule) Start(ctx context.Context) error {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.started {
		return errors.New("schedule already started")
	}
	ctx, sc.cancel = context.WithCancel(ctx)
	for n, spec := range sc.specs {
		if _, err := sc.cron.AddFunc(spec, func() { sc.pass(ctx, n, store.TriggerCron) }); err != nil {
			sc.cancel()
			return fmt.Errorf("démarche %d: schedule %q: %w", n, spec, err)
		}
	}
	sc.started = true
	sc.cron.Start()
	for n := range sc.specs {
		sc.wg.Add(1)
		go func() {
			defer sc.wg.Done()
			sc.pass(ctx, n, store.TriggerStart)
		}()
	}
	return nil
}

// pass runs one pass and logs a refusal or a failure; the Syncer logs the
// outcome of every pass.
func (sc *Schedule) pass(ctx context.Context, n int, trigger string) {
	if ctx.Err() != nil {
		return
	}
	_, err := sc.syncer.Sync(ctx, n, trigger)
	switch {
	case err == nil, errors.Is(err, context.Canceled):
	case errors.Is(err, ErrAlreadyRunning):
		sc.log.Debug().Int("demarche", n).Str("trigger", trigger).Msg("pass skipped: one is running")
	default:
		sc.log.Warn().Err(err).Int("demarche", n).Str("trigger", trigger).Msg("scheduled pass did not complete")
	}
}

// Stop cancels the running passes (their outbox stays pending and their
// checkpoint unmoved, so nothing is lost), stops the cron and waits for the
// jobs to return, or for ctx to expire. It is safe to call more than once.
func (sc *Schedule) Stop(ctx context.Context) error {
	sc.mu.Lock()
	if !sc.started || sc.stopped {
		sc.mu.Unlock()
		return nil
	}
	sc.stopped = true
	sc.cancel()
	sc.mu.Unlock()
	done := make(chan struct{})
	go func() {
		<-sc.cron.Stop().Done()
		sc.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stop schedule: passes still running: %w", ctx.Err())
	}
}

// cronLogger adapts zerolog to cron's logger.
type cronLogger struct{ log zerolog.Logger }

func (l cronLogger) Info(msg string, kv ...any) {
	l.log.Debug().Fields(kv).Msg("cron: " + msg)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error().Err(err).Fields(kv).Msg("cron: " + msg)
}
