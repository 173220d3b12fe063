package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"github.com/wat-dev/wat"
)

// profileColumns are read by every SELECT of profiles, in scanProfile's
// order.
const profileColumns = `arn, account_id, name, description, latest_version, deleted, tags, created_at, updated_at`

// profileAnswerRecord is a wat.ProfileAnswer as stored in
// profile_versions.answers.
type profileAnswerRecord struct {
	Question string   `json:"question"`
	Choices  []string `json:"choices,omitempty"`
}

// InsertProfile stores a new profile; EConflict when its ARN is taken or a
// profile of the account that is not deleted has the same name key,
// ENotFound when its account does not exist.
func (t *tx) InsertProfile(ctx context.Context, p *wat.Profile) error {
	_, err := t.exec(ctx, `INSERT INTO profiles (arn, account_id, name, name_key, description, latest_version,
		deleted, tags, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ARN, p.AccountID, p.Name, wat.NameKey(p.Name), p.Description, p.Version, p.Deleted, mapText(p.Tags),
		timeValue(p.CreatedAt), timeValue(p.UpdatedAt))
	if err != nil {
		return fail("InsertProfile", p.ARN, err, outcomes{
			conflict: wat.Conflict("PROFILE", p.Name, "A profile named %q already exists in account %s", p.Name, p.AccountID),
			parent:   accountNotFound(p.AccountID),
		})
	}
	return nil
}

// GetProfile returns a profile, deleted or not. With lock (in an Update),
// its row stays locked until the transaction ends.
func (t *tx) GetProfile(ctx context.Context, arn string, lock bool) (*wat.Profile, error) {
	query := `SELECT ` + profileColumns + ` FROM profiles WHERE arn = ?`
	if lock {
		query += t.forUpdate()
	}
	p, err := scanProfile(t.queryRow(ctx, query, arn))
	if err != nil {
		return nil, fail("GetProfile", arn, err, outcomes{missing: profileNotFound(arn)})
	}
	return p, nil
}

// UpdateProfile stores p's description, latest version, deleted flag, tags
// and update time. Name and owner never change.
func (t *tx) UpdateProfile(ctx context.Context, p *wat.Profile) error {
	res, err := t.exec(ctx, `UPDATE profiles SET description = ?, latest_version = ?, deleted = ?, tags = ?, updated_at = ?
		WHERE arn = ?`,
		p.Description, p.Version, p.Deleted, mapText(p.Tags), timeValue(p.UpdatedAt), p.ARN)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateProfile", p.ARN, err, outcomes{missing: profileNotFound(p.ARN)})
	}
	return nil
}

// ListProfiles returns the profiles an account owns, deleted ones
// included, in byte order of their ARNs.
func (t *tx) ListProfiles(ctx context.Context, accountID string) ([]*wat.Profile, error) {
	rows, err := t.query(ctx, `SELECT `+profileColumns+` FROM profiles WHERE account_id = ? ORDER BY arn`, accountID)
	if err != nil {
		return nil, fail("ListProfiles", accountID, err, outcomes{})
	}
	defer rows.Close()
	var ps []*wat.Profile
	for rows.Next() {
		p, err := scanProfile(rows)
		if err != nil {
			return nil, fail("ListProfiles", accountID, err, outcomes{})
		}
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListProfiles", accountID, err, outcomes{})
	}
	return ps, nil
}

func scanProfile(s scanner) (*wat.Profile, error) {
	var (
		p    wat.Profile
		tags string
	)
	err := s.Scan(&p.ARN, &p.AccountID, &p.Name, &p.Description, &p.Version, &p.Deleted, &tags,
		timeScanner{&p.CreatedAt}, timeScanner{&p.UpdatedAt})
	if err != nil {
		return nil, err
	}
	var d decoder
	p.Tags = d.stringMap(tags)
	if d.err != nil {
		return nil, d.err
	}
	return &p, nil
}

// InsertProfileVersion stores a version of a profile; EConflict when the
// profile has it already, ENotFound when the profile does not exist.
func (t *tx) InsertProfileVersion(ctx context.Context, v *wat.ProfileVersion) error {
	recs := make([]profileAnswerRecord, 0, len(v.Answers))
	for _, a := range v.Answers {
		recs = append(recs, profileAnswerRecord{Question: a.QuestionID, Choices: a.SelectedChoiceIDs})
	}
	_, err := t.exec(ctx, `INSERT INTO profile_versions (profile_arn, version, answers, created_at) VALUES (?, ?, ?, ?)`,
		v.ProfileARN, v.Version, jsonText(recs), timeValue(v.CreatedAt))
	if err != nil {
		key := fmt.Sprintf("%s %d", v.ProfileARN, v.Version)
		return fail("InsertProfileVersion", key, err, outcomes{
			conflict: wat.Conflict("PROFILE_VERSION", strconv.Itoa(v.Version), "Profile %s already has version %d", v.ProfileARN, v.Version),
			parent:   profileNotFound(v.ProfileARN),
		})
	}
	return nil
}

// GetProfileVersion returns one version of a profile with its answers.
func (t *tx) GetProfileVersion(ctx context.Context, arn string, version int) (*wat.ProfileVersion, error) {
	v := wat.ProfileVersion{ProfileARN: arn, Version: version}
	var answers string
	err := t.queryRow(ctx, `SELECT answers, created_at FROM profile_versions WHERE profile_arn = ? AND version = ?`,
		arn, version).Scan(&answers, timeScanner{&v.CreatedAt})
	if err != nil {
		return nil, fail("GetProfileVersion", fmt.Sprintf("%s %d", arn, version), err, outcomes{
			missing: wat.NotFound("PROFILE_VERSION", strconv.Itoa(version), "Profile %s has no version %d", arn, version),
		})
	}
	var (
		d    decoder
		recs []profileAnswerRecord
	)
	d.json(answers, &recs)
	if d.err != nil {
		return nil, fail("GetProfileVersion", arn, d.err, outcomes{})
	}
	for _, r := range recs {
		v.Answers = append(v.Answers, wat.ProfileAnswer{QuestionID: r.Question, SelectedChoiceIDs: nilIfEmpty(r.Choices)})
	}
	return &v, nil
}

func profileNotFound(arn string) *wat.Error {
	return wat.NotFound("PROFILE", arn, "No profile with ARN %s", arn)
}
