package service

import (
	"context"
	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// The worker that computes queued generations. It runs inside every
// `wat serve` (AgentWorkerLoop) and in tests synchronously
// (RunAgentGenerations). A job is claimed under a lease in one
// transaction, then computed and its recommendations written together with
// COMPLETED in another: a worker killed in between leaves the job
// IN_PROGRESS with nothing written, and once its lease expires another
// worker claims it again. So a restart neither loses a generation nor
// writes it twice.

// AgentWorker names a worker and how long its claims hold.
type AgentWorker struct {
	// ID tells the workers apart in leases: a replica's host and process.
	ID string
	// Lease is how long a claim holds before another worker may take
	// the job again; it must outlast the longest generation.
	Lease time.Duration
	// Jobs hears how each job ended (the metrics); nil for nobody.
	Jobs wat.JobCounter
}

// ended tells w.Jobs how a job ended.
func (w AgentWorker) ended(o wat.JobOutcome) {
	if w.Jobs != nil {
		w.Jobs.JobEnded(wat.QueueAgentGeneration, o)
	}
}

// maxAgentAttempts is how many times a job is claimed before it ends in
// ERROR: a generation that kills its worker must not kill every worker.
const maxAgentAttempts = 3

// RunAgentGenerations claims and computes queued generations, and those
// whose lease expired, until none is left; it returns how many it ended.
func (s *Service) RunAgentGenerations(ctx context.Context, w AgentWorker) (int, error) {
	for n := 0; ; n++ {
		var g *wat.AgentGeneration
		err := s.store.Update(ctx, func(tx wat.Tx) (err error) {
			now := s.nowUTC()
			g, err = tx.ClaimAgentGeneration(ctx, w.ID, now, now.Add(w.Lease))
			return err
		})
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("RunAgentGenerations: %w", err)
		}
		if g.Attempts > 1 {
			w.ended(wat.JobRetried) // taken again: its last worker's lease ran out
		}
		if err := s.runAgentGeneration(ctx, w, g); err != nil {
			return n, fmt.Errorf("RunAgentGenerations(%s %s): %w", g.ProfileARN, g.ID, err)
		}
	}
}

// AgentWorkerLoop runs RunAgentGenerations every interval until ctx ends,
// logging what fails: one bad job must not stop the worker.
func (s *Service) AgentWorkerLoop(ctx context.Context, w AgentWorker, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.RunAgentGenerations(ctx, w); err != nil && ctx.Err() == nil {
			s.log.Error("agent generation", "worker", w.ID, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// runAgentGeneration computes one claimed generation and ends it: its
// inputs are read and the engine run in one transaction, the model (when
// one is configured) asked outside any, and the result written with
// COMPLETED in a last transaction, only while the job is still ours.
func (s *Service) runAgentGeneration(ctx context.Context, w AgentWorker, g *wat.AgentGeneration) error {
	if g.Attempts > maxAgentAttempts {
		return s.endAgentGeneration(ctx, w, g, "ATTEMPTS_EXHAUSTED", fmt.Sprintf("The generation was abandoned by %d workers", g.Attempts-1))
	}
	var (
		in       *wat.AgentEngineInput
		recs     []*wat.AgentRecommendation
		contexts []*wat.AgentContext
		ours     bool
	)
	err := s.store.View(ctx, func(tx wat.Tx) error {
		cur, err := tx.GetAgentGeneration(ctx, g.ProfileARN, g.ID)
		if err != nil || !heldBy(cur, w) {
			return err
		}
		ours = true
		prof, err := tx.GetAgentProfile(ctx, g.ProfileARN, false)
		if err != nil {
			return err
		}
		if in, err = s.agentInputs(ctx, tx, prof, cur); err != nil {
			return err
		}
		recs = wat.GenerateAgentRecommendations(in)
		if s.agentModel.refiner != nil {
			contexts, err = tx.ListAgentContexts(ctx, prof.ARN)
		}
		return err
	})
	if err == nil && ours {
		var (
			run       *wat.AgentModelRun
			completed bool
		)
		if s.agentModel.refiner != nil {
			recs, run = s.refineAgentRecommendations(ctx, g, in, contexts, recs)
		}
		err = s.store.Update(ctx, func(tx wat.Tx) error {
			completed = false
			// The profile's lock orders the writers: a worker whose lease
			// ran out while another took the job writes after it, and
			// then reads the job ended.
			prof, err := tx.GetAgentProfile(ctx, g.ProfileARN, true)
			if err != nil {
				return err
			}
			cur, err := tx.GetAgentGeneration(ctx, g.ProfileARN, g.ID)
			if err != nil || !heldBy(cur, w) {
				return err
			}
			if err := s.storeAgentRecommendations(ctx, tx, cur, in, recs); err != nil {
				return err
			}
			now := s.nowUTC()
			cur.Status, cur.EndedAt, cur.UpdatedAt, cur.LeaseOwner, cur.LeaseUntil = wat.AgentGenerationCompleted, now, now, "", time.Time{}
			cur.Model = run
			if err := tx.UpdateAgentGeneration(ctx, cur); err != nil {
				return err
			}
			completed = true
			return s.PublishRecommendationsCompleted(ctx, tx, cur, prof.AccountID)
		})
		if err == nil && completed {
			w.ended(wat.JobCompleted)
		}
	}
	if err != nil && ctx.Err() == nil {
		s.log.Error("agent generation failed", "profile", g.ProfileARN, "generation", g.ID, "err", err)
		return s.endAgentGeneration(ctx, w, g, "INTERNAL_ERROR", "The generation failed; the server's log tells why")
	}
	return err
}

// heldBy reports whether worker w still holds generation g: it is in
// progress under w's lease (else w's lease ran out and another worker
// took the job, or the job ended).
func heldBy(g *wat.AgentGeneration, w AgentWorker) bool {
	return g.Status == wat.AgentGenerationInProgress && g.LeaseOwner == w.ID
}

// endAgentGeneration ends g in ERROR, unless another worker holds it now.
func (s *Service) endAgentGeneration(ctx context.Context, w AgentWorker, g *wat.AgentGeneration, code, msg string) error {
	ended := false
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		ended = false
		cur, err := tx.GetAgentGeneration(ctx, g.ProfileARN, g.ID)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil // its profile was deleted meanwhile
		}
		if err != nil || !heldBy(cur, w) {
			return err
		}
		now := s.nowUTC()
		cur.Status, cur.ErrorCode, cur.ErrorMessage, cur.EndedAt, cur.UpdatedAt = wat.AgentGenerationError, code, msg, now, now
		cur.LeaseOwner, cur.LeaseUntil = "", time.Time{}
		if err := tx.UpdateAgentGeneration(ctx, cur); err != nil {
			return err
		}
		ended = true
		return s.publishGenerationError(ctx, tx, cur)
	})
	if err == nil && ended {
		w.ended(wat.JobFailed)
	}
	return err
}

// storeAgentRecommendations writes what a generation computed. A
// recommendation found again keeps its ARN, creation and the user's status
// and reason; one of the generation's pillars no longer found is CLOSED.
func (s *Service) storeAgentRecommendations(ctx context.Context, tx wat.Tx, g *wat.AgentGeneration, in *wat.AgentEngineInput, recs []*wat.AgentRecommendation) error {
	old, err := tx.ListAgentRecommendations(ctx, g.ProfileARN)
	if err != nil {
		return err
	}
	byARN := make(map[string]*wat.AgentRecommendation, len(old))
	for _, r := range old {
		byARN[r.ARN] = r
	}
	for _, r := range recs {
		if prev := byARN[r.ARN]; prev != nil {
			r.Status, r.UpdateReason, r.CreatedAt, r.CreatedBy = prev.Status, prev.UpdateReason, prev.CreatedAt, prev.CreatedBy
			delete(byARN, r.ARN)
		}
		if err := tx.PutAgentRecommendation(ctx, r); err != nil {
			return err
		}
	}
	// Close what this generation looked at and no longer found; a
	// recommendation outside its scope (another pillar, or items it was
	// narrowed away from) stays as it is.
	for _, r := range old {
		if byARN[r.ARN] == nil || r.State == wat.AgentRecommendationClosed || !in.Covers(r) {
			continue
		}
		// Lists carry no items: read it whole, so that closing keeps them.
		if r, err = tx.GetAgentRecommendation(ctx, r.ARN); err != nil {
			return err
		}
		r.State, r.GenerationID, r.UpdatedAt, r.UpdatedBy = wat.AgentRecommendationClosed, g.ID, in.At, in.By
		if err := tx.PutAgentRecommendation(ctx, r); err != nil {
			return err
		}
	}
	return nil
}
