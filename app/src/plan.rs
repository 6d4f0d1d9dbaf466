//! The co-produced plan: targets in five parts, written by the people they belong to,
//! agreed version by version, and reviewed with 0–10 progress scores.
//!
//! The rules live here as plain functions over plain data, so they are the same on every
//! database engine and are tested without one: who may write which part, how one person's
//! edit merges with another's made meanwhile (per part, never silently overwriting), what
//! changed between two versions, and what state the agreement is in.

use serde::{Deserialize, Serialize};

use crate::calendar::CalendarDate;
use crate::identity::Role;
use crate::ids::PersonId;
use crate::scaling::Score;

/// Target wording: short enough to read on a phone at a glance.
pub const TARGET_MAX: usize = 200;
/// Each of the other parts.
pub const PART_MAX: usize = 600;
/// A plan is "simple and straightforward": more than this is no longer a plan people hold
/// in their heads.
pub const TARGETS_MAX: usize = 12;
/// "I don't agree" and review comments.
pub const COMMENT_MAX: usize = 1000;
/// Reviews every six weeks unless the worker chooses otherwise.
pub const REVIEW_EVERY_DAYS: u32 = 42;
/// Scores at a review this far apart are pointed out, not averaged away.
pub const SCORES_DIFFER_BY: u8 = 3;

/// The five parts of a target, in the order of the paper form's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Target,
    IWill,
    CarerWill,
    WorkerWill,
    Success,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Target,
        Part::IWill,
        Part::CarerWill,
        Part::WorkerWill,
        Part::Success,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Target => "target",
            Part::IWill => "i_will",
            Part::CarerWill => "carer_will",
            Part::WorkerWill => "worker_will",
            Part::Success => "success",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    pub fn limit(self) -> usize {
        match self {
            Part::Target => TARGET_MAX,
            _ => PART_MAX,
        }
    }

    /// Who writes this part. The young person writes the target and what they will do, the
    /// parent/carer what they will do, and how success looks is shared; staff may write any
    /// part, and the plan shows where that changed the young person's words.
    pub fn written_by(self, role: Role) -> bool {
        match role {
            Role::YoungPerson => matches!(self, Part::Target | Part::IWill | Part::Success),
            // "How will I know I am successful?" is the young person's own measure, in their
            // words (the worker can help, as with every part); a parent writes their own part.
            Role::ParentCarer => matches!(self, Part::CarerWill),
            Role::Worker | Role::Manager => true,
            Role::Administrator => false,
        }
    }

    /// The parts a role writes, in column order.
    pub fn written_by_role(role: Role) -> Vec<Part> {
        Self::ALL
            .into_iter()
            .filter(|p| p.written_by(role))
            .collect()
    }
}

/// Who last wrote a part: shown beside it, so the plan says whose words are whose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub person: PersonId,
    /// First name only: the plan is read by the family.
    pub name: String,
    pub role: Role,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    pub text: String,
    pub by: Option<Author>,
    /// The young person's own words, kept when someone else rewrote them, so the plan can
    /// show that it no longer says what they wrote. Cleared when they write it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub young_persons_words: Option<String>,
}

impl Written {
    fn write(&mut self, text: String, author: &Author) {
        if author.role == Role::YoungPerson {
            self.young_persons_words = None;
        } else if self.young_persons_words.is_none()
            && self
                .by
                .as_ref()
                .is_some_and(|b| b.role == Role::YoungPerson)
        {
            self.young_persons_words = Some(std::mem::take(&mut self.text));
        }
        self.text = text;
        self.by = Some(author.clone());
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Active,
    Achieved,
    Dropped,
}

impl TargetStatus {
    pub const ALL: [TargetStatus; 3] = [
        TargetStatus::Active,
        TargetStatus::Achieved,
        TargetStatus::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TargetStatus::Active => "active",
            TargetStatus::Achieved => "achieved",
            TargetStatus::Dropped => "dropped",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// Stable across versions ("t1", "t2"), so review scores follow a target through edits.
    pub key: String,
    pub status: TargetStatus,
    pub target: Written,
    pub i_will: Written,
    pub carer_will: Written,
    pub worker_will: Written,
    pub success: Written,
}

impl Target {
    fn new(key: String) -> Self {
        Target {
            key,
            status: TargetStatus::Active,
            target: Written::default(),
            i_will: Written::default(),
            carer_will: Written::default(),
            worker_will: Written::default(),
            success: Written::default(),
        }
    }

    pub fn part(&self, part: Part) -> &Written {
        match part {
            Part::Target => &self.target,
            Part::IWill => &self.i_will,
            Part::CarerWill => &self.carer_will,
            Part::WorkerWill => &self.worker_will,
            Part::Success => &self.success,
        }
    }

    fn part_mut(&mut self, part: Part) -> &mut Written {
        match part {
            Part::Target => &mut self.target,
            Part::IWill => &mut self.i_will,
            Part::CarerWill => &mut self.carer_will,
            Part::WorkerWill => &mut self.worker_will,
            Part::Success => &mut self.success,
        }
    }
}

/// What a plan says: its targets in order. Stored whole with each version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContent {
    pub targets: Vec<Target>,
}

impl PlanContent {
    pub fn target(&self, key: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.key == key)
    }

    /// The words and statuses people agree to, in order: what an agreement's hash is taken
    /// over. Who wrote which part is left out; agreeing is about what the plan says.
    pub fn agreed_text(&self) -> String {
        // Each field is length-prefixed, so no choice of words can make two different plans
        // read the same.
        let mut text = String::new();
        for t in &self.targets {
            let fields = [t.key.as_str(), t.status.as_str()]
                .into_iter()
                .chain(Part::ALL.iter().map(|p| t.part(*p).text.as_str()));
            for field in fields {
                text.push_str(&format!("{}:{field};", field.len()));
            }
            text.push('\n');
        }
        text
    }

    /// Targets are never deleted (a dropped target stays in the plan's history), so one
    /// more than the highest number ever used is always new.
    fn next_key(&self) -> String {
        let highest = self
            .targets
            .iter()
            .filter_map(|t| t.key.strip_prefix('t')?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("t{}", highest + 1)
    }

    /// Ready to agree: at least one target, and every target still being worked on says
    /// what it is, what the young person will do, and how they will know.
    pub fn incomplete(&self) -> bool {
        let active: Vec<&Target> = self
            .targets
            .iter()
            .filter(|t| t.status == TargetStatus::Active)
            .collect();
        active.is_empty()
            || active.iter().any(|t| {
                [Part::Target, Part::IWill, Part::Success]
                    .iter()
                    .any(|p| t.part(*p).text.is_empty())
            })
    }
}

/// Text as it is kept: trimmed, with the line endings browsers differ on made the same.
pub fn tidy(raw: &str) -> String {
    raw.replace("\r\n", "\n").trim().to_owned()
}

/// One part as a person sent it: what they typed, and what the part said when they opened
/// it (so a change made by someone else meanwhile is noticed rather than overwritten).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartEdit {
    pub part: Part,
    pub mine: String,
    pub was: String,
}

/// One person's change to one target (`key: None` adds a new target).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetEdit {
    pub key: Option<String>,
    pub parts: Vec<PartEdit>,
    /// Achieved or dropped (staff, usually at a review).
    pub status: Option<TargetStatus>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartProblem {
    /// The target needs words.
    Empty,
    /// Longer than [`Part::limit`].
    TooLong,
    /// Someone else's part (a parent writing the young person's words).
    NotYours,
    /// Changed by someone else since this person opened it, and they changed it too.
    Conflict,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditRefused {
    NoSuchTarget,
    TooManyTargets,
    /// Only staff mark a target achieved or dropped.
    StatusNotYours,
    Parts(Vec<(Part, PartProblem)>),
}

/// Applies one person's edit. Parts they did not change are left alone, so two people
/// writing different parts of the same target at once both keep their words; a part both
/// changed is refused (with nothing applied) and the person is shown the other's words.
/// Returns the target's key and whether anything changed.
pub fn apply_edit(
    content: &mut PlanContent,
    edit: &TargetEdit,
    author: &Author,
) -> Result<(String, bool), EditRefused> {
    let staff = matches!(author.role, Role::Worker | Role::Manager);
    let (mut target, index) = match &edit.key {
        None => {
            if content.targets.len() >= TARGETS_MAX {
                return Err(EditRefused::TooManyTargets);
            }
            (Target::new(content.next_key()), None)
        }
        Some(key) => {
            let index = content
                .targets
                .iter()
                .position(|t| &t.key == key)
                .ok_or(EditRefused::NoSuchTarget)?;
            (content.targets[index].clone(), Some(index))
        }
    };
    let mut problems = Vec::new();
    let mut writes = Vec::new();
    for sent in &edit.parts {
        let (mine, was) = (tidy(&sent.mine), tidy(&sent.was));
        let current = &target.part(sent.part).text;
        // Unchanged by this person (even if changed by someone else meanwhile), or changed
        // to what it already says: nothing to write.
        if mine == was || &mine == current {
            continue;
        }
        let problem = if !sent.part.written_by(author.role) {
            Some(PartProblem::NotYours)
        } else if mine.chars().count() > sent.part.limit() {
            Some(PartProblem::TooLong)
        } else if sent.part == Part::Target && mine.is_empty() {
            Some(PartProblem::Empty)
        } else if &was != current {
            Some(PartProblem::Conflict)
        } else {
            None
        };
        match problem {
            Some(p) => problems.push((sent.part, p)),
            None => writes.push((sent.part, mine)),
        }
    }
    let new_without_words = index.is_none()
        && !writes
            .iter()
            .any(|(p, t)| *p == Part::Target && !t.is_empty())
        && !problems.iter().any(|(p, _)| *p == Part::Target);
    if new_without_words {
        problems.push((Part::Target, PartProblem::Empty));
    }
    if !problems.is_empty() {
        problems.sort_by_key(|(p, _)| Part::ALL.iter().position(|x| x == p));
        return Err(EditRefused::Parts(problems));
    }
    let status_change = edit.status.filter(|s| *s != target.status);
    if status_change.is_some() && !staff {
        return Err(EditRefused::StatusNotYours);
    }
    let changed = !writes.is_empty() || status_change.is_some();
    for (part, text) in writes {
        target.part_mut(part).write(text, author);
    }
    if let Some(status) = status_change {
        target.status = status;
    }
    let key = target.key.clone();
    match index {
        Some(i) => content.targets[i] = target,
        None => content.targets.push(target),
    }
    Ok((key, changed))
}

/// Moves a target one place up or down the list (its number is its priority). Returns
/// whether anything moved (the first cannot go up, nor the last down).
pub fn move_target(content: &mut PlanContent, key: &str, up: bool) -> Result<bool, EditRefused> {
    let from = content
        .targets
        .iter()
        .position(|t| t.key == key)
        .ok_or(EditRefused::NoSuchTarget)?;
    let to = if up {
        from.checked_sub(1)
    } else {
        Some(from + 1).filter(|to| *to < content.targets.len())
    };
    match to {
        Some(to) => {
            content.targets.swap(from, to);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// One difference between two versions, for "this plan changed since you agreed".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Added {
        target: String,
    },
    Status {
        target: String,
        to: TargetStatus,
    },
    /// Now target number `to` (counted from 1).
    Moved {
        target: String,
        to: usize,
    },
    Part {
        target: String,
        part: Part,
        before: String,
        after: String,
    },
}

/// What changed from `before` to `after`, target by target, in the plan's order.
pub fn changes(before: &PlanContent, after: &PlanContent) -> Vec<Change> {
    let mut found = Vec::new();
    for (index, now) in after.targets.iter().enumerate() {
        let name = now.target.text.clone();
        let Some(then) = before.target(&now.key) else {
            found.push(Change::Added { target: name });
            continue;
        };
        // Only targets that kept their place among those both versions have count as
        // unmoved, so adding one at the end does not "move" the rest.
        let kept = |c: &PlanContent| {
            c.targets
                .iter()
                .filter(|t| before.target(&t.key).is_some() && after.target(&t.key).is_some())
                .position(|t| t.key == now.key)
        };
        if kept(before) != kept(after) {
            found.push(Change::Moved {
                target: name.clone(),
                to: index + 1,
            });
        }
        if then.status != now.status {
            found.push(Change::Status {
                target: name.clone(),
                to: now.status,
            });
        }
        for part in Part::ALL {
            let (b, a) = (&then.part(part).text, &now.part(part).text);
            if b != a {
                found.push(Change::Part {
                    target: name.clone(),
                    part,
                    before: b.clone(),
                    after: a.clone(),
                });
            }
        }
    }
    found
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Agree,
    Disagree,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Agree => "agree",
            Decision::Disagree => "disagree",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Decision::Agree, Decision::Disagree]
            .into_iter()
            .find(|d| d.as_str() == raw.trim())
    }
}

/// Someone who agrees the plan: the young person, each linked parent/carer, the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub person: PersonId,
    pub name: String,
    pub role: Role,
}

/// One "I agree" or "I don't agree", on one version. Kept for ever; it counts only while
/// its version is the current one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanResponse {
    pub person: PersonId,
    pub name: String,
    pub role: Role,
    pub version: u32,
    pub decision: Decision,
    pub comment: Option<String>,
    pub at: String,
    /// SHA-256 of [`PlanContent::agreed_text`] of the version, when it was given.
    pub hash: String,
}

/// Where a plan is, as the caseload shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Draft,
    WaitingForYoungPerson,
    WaitingForCarer,
    WaitingForWorker,
    Agreed,
    ReviewDue,
}

impl PlanStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::WaitingForYoungPerson => "waiting_for_young_person",
            PlanStatus::WaitingForCarer => "waiting_for_carer",
            PlanStatus::WaitingForWorker => "waiting_for_worker",
            PlanStatus::Agreed => "agreed",
            PlanStatus::ReviewDue => "review_due",
        }
    }
}

/// A party's latest word on the current version, if any.
pub fn decision_on(
    responses: &[PlanResponse],
    person: PersonId,
    version: u32,
) -> Option<&PlanResponse> {
    responses
        .iter()
        .filter(|r| r.person == person && r.version == version)
        .max_by(|a, b| a.at.cmp(&b.at))
}

/// The latest version this person agreed, if it is not the current one (so they are shown
/// what changed since).
/// What a plan waits for from one person, said first on their home page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanCue {
    /// Ready, and they have not said yes or no to it.
    ToAgree,
    /// They agreed an earlier version; someone changed it since, so it needs agreeing again.
    ChangedSinceAgreed,
}

/// `None` when the plan waits for nothing from this person (not ready, or they answered
/// this version).
pub fn cue_for(
    ready: bool,
    version: u32,
    responses: &[PlanResponse],
    person: PersonId,
) -> Option<PlanCue> {
    if !ready || decision_on(responses, person, version).is_some() {
        return None;
    }
    Some(match agreed_earlier(responses, person, version) {
        Some(_) => PlanCue::ChangedSinceAgreed,
        None => PlanCue::ToAgree,
    })
}

pub fn agreed_earlier(responses: &[PlanResponse], person: PersonId, version: u32) -> Option<u32> {
    if decision_on(responses, person, version).is_some() {
        return None;
    }
    responses
        .iter()
        .filter(|r| r.person == person && r.decision == Decision::Agree && r.version < version)
        .map(|r| r.version)
        .max()
}

pub fn status(
    ready: bool,
    version: u32,
    parties: &[Party],
    responses: &[PlanResponse],
    review_due: bool,
) -> PlanStatus {
    if !ready {
        return PlanStatus::Draft;
    }
    let agreed = |role: Role| {
        parties.iter().filter(|p| p.role == role).all(|p| {
            decision_on(responses, p.person, version).is_some_and(|r| r.decision == Decision::Agree)
        })
    };
    if !agreed(Role::YoungPerson) {
        PlanStatus::WaitingForYoungPerson
    } else if !agreed(Role::ParentCarer) {
        PlanStatus::WaitingForCarer
    } else if !agreed(Role::Worker) {
        PlanStatus::WaitingForWorker
    } else if review_due {
        PlanStatus::ReviewDue
    } else {
        PlanStatus::Agreed
    }
}

/// Someone said "I don't agree" to the current version.
pub fn disagreement(responses: &[PlanResponse], parties: &[Party], version: u32) -> bool {
    parties.iter().any(|p| {
        decision_on(responses, p.person, version).is_some_and(|r| r.decision == Decision::Disagree)
    })
}

/// A comment as typed: optional or required, never longer than [`COMMENT_MAX`].
pub fn comment(raw: Option<&str>, required: bool) -> Result<Option<String>, CommentProblem> {
    let text = raw.map(tidy).unwrap_or_default();
    if text.chars().count() > COMMENT_MAX {
        Err(CommentProblem::TooLong)
    } else if text.is_empty() && required {
        Err(CommentProblem::Missing)
    } else {
        Ok((!text.is_empty()).then_some(text))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentProblem {
    Missing,
    TooLong,
}

impl From<CommentProblem> for crate::error::AppError {
    fn from(p: CommentProblem) -> Self {
        use crate::error::Problem;
        crate::error::AppError::Invalid(match p {
            CommentProblem::Missing => Problem::CommentMissing,
            CommentProblem::TooLong => Problem::CommentTooLong,
        })
    }
}

/// A review: opened by the worker on (or near) its date, closed when everyone has scored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub number: u32,
    pub opened_at: String,
    pub closed_at: Option<String>,
}

/// One person's progress score for one target at one review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewScore {
    pub review: u32,
    pub target: String,
    pub person: PersonId,
    pub name: String,
    pub role: Role,
    pub score: Score,
    pub comment: Option<String>,
    pub at: String,
}

/// Each person's latest score for a target at a review, young person first.
pub fn scores_at(scores: &[ReviewScore], review: u32, target: &str) -> Vec<ReviewScore> {
    let mut latest: Vec<ReviewScore> = Vec::new();
    for s in scores
        .iter()
        .filter(|s| s.review == review && s.target == target)
    {
        match latest.iter_mut().find(|l| l.person == s.person) {
            Some(l) if l.at < s.at => *l = s.clone(),
            Some(_) => {}
            None => latest.push(s.clone()),
        }
    }
    let order = |r: Role| match r {
        Role::YoungPerson => 0,
        Role::ParentCarer => 1,
        _ => 2,
    };
    latest.sort_by_key(|s| order(s.role));
    latest
}

/// Scores from different people that are far enough apart to talk about.
pub fn scores_differ(scores: &[ReviewScore]) -> bool {
    let values = scores.iter().map(|s| s.score.value());
    match (values.clone().min(), values.max()) {
        (Some(low), Some(high)) => high - low >= SCORES_DIFFER_BY,
        _ => false,
    }
}

/// A review is due on its date unless one is already open.
pub fn review_due(next_review: Option<CalendarDate>, today: CalendarDate, open: bool) -> bool {
    !open && next_review.is_some_and(|d| d <= today)
}

/// Everything the plan page shows, for one viewer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanPage {
    pub young_person: PersonId,
    pub young_person_name: String,
    /// For the "(worker) WILL…" heading.
    pub worker_name: Option<String>,
    pub viewer: PersonId,
    pub viewer_role: Role,
    /// The parts this viewer writes.
    pub writes: Vec<Part>,
    pub may_agree: bool,
    pub may_manage: bool,
    pub parties: Vec<Party>,
    pub plan: Option<PlanState>,
    /// The viewer has communication support on: "I don't understand this" on each target.
    #[serde(default)]
    pub support: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanState {
    pub version: u32,
    pub ready: bool,
    pub content: PlanContent,
    pub hash: String,
    pub status: PlanStatus,
    pub disagreement: bool,
    /// Every response to every version, newest first.
    pub responses: Vec<PlanResponse>,
    /// For a viewer who agreed an earlier version: which, and what changed since.
    pub changed_since: Option<(u32, Vec<Change>)>,
    pub next_review: Option<CalendarDate>,
    pub review_every_days: u32,
    pub review_due: bool,
    pub reviews: Vec<Review>,
    pub scores: Vec<ReviewScore>,
}

impl PlanState {
    pub fn open_review(&self) -> Option<&Review> {
        self.reviews.iter().find(|r| r.closed_at.is_none())
    }
}

/// What someone typed that was not saved, kept on the server so that a refused save (a
/// conflict, too many words) loses nothing, with or without JavaScript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptEdit {
    pub edit: TargetEdit,
    pub refused: EditRefused,
}

impl KeptEdit {
    /// The key an edit is kept under for one person: its target, or "new" for a new one.
    pub fn key(target: Option<&str>) -> &str {
        target.unwrap_or("new")
    }

    pub fn typed(&self, part: Part) -> Option<&str> {
        self.edit
            .parts
            .iter()
            .find(|p| p.part == part)
            .map(|p| p.mine.as_str())
    }

    pub fn problem(&self, part: Part) -> Option<PartProblem> {
        match &self.refused {
            EditRefused::Parts(problems) => {
                problems.iter().find(|(p, _)| *p == part).map(|(_, e)| *e)
            }
            _ => None,
        }
    }
}

pub fn plan_href(young_person: PersonId) -> String {
    format!("/young-people/{young_person}/plan")
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn person(n: u128) -> PersonId {
        PersonId(Uuid::from_u128(n))
    }

    fn author(role: Role) -> Author {
        let (n, name) = match role {
            Role::YoungPerson => (1, "Amara"),
            Role::ParentCarer => (2, "Colm"),
            _ => (3, "Jo"),
        };
        Author {
            person: person(n),
            name: name.into(),
            role,
        }
    }

    fn edit(key: Option<&str>, parts: &[(Part, &str, &str)]) -> TargetEdit {
        TargetEdit {
            key: key.map(str::to_owned),
            parts: parts
                .iter()
                .map(|(part, mine, was)| PartEdit {
                    part: *part,
                    mine: (*mine).into(),
                    was: (*was).into(),
                })
                .collect(),
            status: None,
        }
    }

    fn plan_with_target() -> PlanContent {
        let mut plan = PlanContent::default();
        apply_edit(
            &mut plan,
            &edit(
                None,
                &[
                    (Part::Target, "Control my anger better", ""),
                    (Part::IWill, "work out what makes me angry", ""),
                ],
            ),
            &author(Role::YoungPerson),
        )
        .expect("as the test set up");
        plan
    }

    #[test]
    fn each_part_is_written_by_its_people_and_staff_write_any() {
        assert_eq!(
            Part::written_by_role(Role::YoungPerson),
            vec![Part::Target, Part::IWill, Part::Success]
        );
        assert_eq!(
            Part::written_by_role(Role::ParentCarer),
            vec![Part::CarerWill]
        );
        assert_eq!(Part::written_by_role(Role::Worker), Part::ALL.to_vec());
        assert!(Part::written_by_role(Role::Administrator).is_empty());
    }

    #[test]
    fn a_new_target_gets_a_fresh_key_and_needs_words() {
        let mut plan = plan_with_target();
        assert_eq!(plan.targets[0].key, "t1");
        assert_eq!(
            plan.targets[0]
                .target
                .by
                .as_ref()
                .expect("as the test set up")
                .role,
            Role::YoungPerson
        );
        let refused = apply_edit(
            &mut plan,
            &edit(None, &[(Part::IWill, "something", "")]),
            &author(Role::Worker),
        );
        assert_eq!(
            refused,
            Err(EditRefused::Parts(vec![(Part::Target, PartProblem::Empty)]))
        );
        let (key, changed) = apply_edit(
            &mut plan,
            &edit(None, &[(Part::Target, "  Join a football team \r\n", "")]),
            &author(Role::Worker),
        )
        .expect("as the test set up");
        assert_eq!((key.as_str(), changed), ("t2", true));
        assert_eq!(plan.targets[1].target.text, "Join a football team");
    }

    #[test]
    fn a_parent_cannot_change_the_young_persons_words_and_nothing_is_applied() {
        let mut plan = plan_with_target();
        let before = plan.clone();
        let refused = apply_edit(
            &mut plan,
            &edit(
                Some("t1"),
                &[
                    (Part::CarerWill, "give space", ""),
                    (Part::IWill, "behave", "work out what makes me angry"),
                ],
            ),
            &author(Role::ParentCarer),
        );
        assert_eq!(
            refused,
            Err(EditRefused::Parts(vec![(
                Part::IWill,
                PartProblem::NotYours
            )]))
        );
        assert_eq!(plan, before);
        // Sending a part unchanged is not an attempt to write it.
        apply_edit(
            &mut plan,
            &edit(
                Some("t1"),
                &[
                    (Part::CarerWill, "give space", ""),
                    (
                        Part::IWill,
                        "work out what makes me angry",
                        "work out what makes me angry",
                    ),
                ],
            ),
            &author(Role::ParentCarer),
        )
        .expect("as the test set up");
        assert_eq!(plan.targets[0].carer_will.text, "give space");
    }

    #[test]
    fn limits_and_empty_targets_are_refused() {
        let mut plan = plan_with_target();
        let long = "a".repeat(TARGET_MAX + 1);
        let refused = apply_edit(
            &mut plan,
            &edit(
                Some("t1"),
                &[(Part::Target, &long, "Control my anger better")],
            ),
            &author(Role::YoungPerson),
        );
        assert_eq!(
            refused,
            Err(EditRefused::Parts(vec![(
                Part::Target,
                PartProblem::TooLong
            )]))
        );
        let exactly = "é".repeat(PART_MAX);
        assert!(apply_edit(
            &mut plan,
            &edit(Some("t1"), &[(Part::Success, &exactly, "")]),
            &author(Role::YoungPerson),
        )
        .is_ok());
        let refused = apply_edit(
            &mut plan,
            &edit(
                Some("t1"),
                &[(Part::Target, "   ", "Control my anger better")],
            ),
            &author(Role::YoungPerson),
        );
        assert_eq!(
            refused,
            Err(EditRefused::Parts(vec![(Part::Target, PartProblem::Empty)]))
        );
    }

    #[test]
    fn edits_to_different_parts_merge_and_the_same_part_conflicts() {
        let mut plan = plan_with_target();
        // Jo opens the target while the success line is empty; Amara writes it meanwhile.
        // Jo's form sends the success line as Jo saw it, untouched: Jo's own part goes in and
        // Amara's line stays.
        apply_edit(
            &mut plan,
            &edit(Some("t1"), &[(Part::Success, "fewer outbursts", "")]),
            &author(Role::YoungPerson),
        )
        .expect("as the test set up");
        let ok = apply_edit(
            &mut plan,
            &edit(
                Some("t1"),
                &[
                    (Part::WorkerWill, "teach calming techniques", ""),
                    (Part::Success, "", ""),
                ],
            ),
            &author(Role::Worker),
        );
        assert_eq!(ok, Ok(("t1".into(), true)));
        assert_eq!(plan.targets[0].worker_will.text, "teach calming techniques");
        assert_eq!(plan.targets[0].success.text, "fewer outbursts");
        let refused = apply_edit(
            &mut plan,
            &edit(Some("t1"), &[(Part::Success, "I use the techniques", "")]),
            &author(Role::YoungPerson),
        );
        assert_eq!(
            refused,
            Err(EditRefused::Parts(vec![(
                Part::Success,
                PartProblem::Conflict
            )]))
        );
    }

    #[test]
    fn staff_rewriting_young_persons_words_is_shown_until_they_write_again() {
        let mut plan = plan_with_target();
        apply_edit(
            &mut plan,
            &edit(
                Some("t1"),
                &[(
                    Part::IWill,
                    "identify my triggers",
                    "work out what makes me angry",
                )],
            ),
            &author(Role::Worker),
        )
        .expect("as the test set up");
        let part = &plan.targets[0].i_will;
        assert_eq!(
            part.young_persons_words.as_deref(),
            Some("work out what makes me angry")
        );
        assert_eq!(part.by.as_ref().expect("as the test set up").name, "Jo");
        // A second staff edit keeps the young person's original words, not the worker's.
        apply_edit(
            &mut plan,
            &edit(
                Some("t1"),
                &[(Part::IWill, "spot triggers", "identify my triggers")],
            ),
            &author(Role::Worker),
        )
        .expect("as the test set up");
        assert_eq!(
            plan.targets[0].i_will.young_persons_words.as_deref(),
            Some("work out what makes me angry")
        );
        apply_edit(
            &mut plan,
            &edit(
                Some("t1"),
                &[(Part::IWill, "spot my triggers", "spot triggers")],
            ),
            &author(Role::YoungPerson),
        )
        .expect("as the test set up");
        assert_eq!(plan.targets[0].i_will.young_persons_words, None);
    }

    #[test]
    fn only_staff_mark_targets_achieved_and_too_many_targets_are_refused() {
        let mut plan = plan_with_target();
        let mut achieved = edit(Some("t1"), &[]);
        achieved.status = Some(TargetStatus::Achieved);
        assert_eq!(
            apply_edit(&mut plan, &achieved, &author(Role::YoungPerson)),
            Err(EditRefused::StatusNotYours)
        );
        assert_eq!(
            apply_edit(&mut plan, &achieved, &author(Role::Worker)),
            Ok(("t1".into(), true))
        );
        assert_eq!(
            apply_edit(&mut plan, &edit(Some("t9"), &[]), &author(Role::Worker)),
            Err(EditRefused::NoSuchTarget)
        );
        for n in 1..TARGETS_MAX {
            apply_edit(
                &mut plan,
                &edit(None, &[(Part::Target, &format!("target {n}"), "")]),
                &author(Role::Worker),
            )
            .expect("as the test set up");
        }
        assert_eq!(
            apply_edit(
                &mut plan,
                &edit(None, &[(Part::Target, "one more", "")]),
                &author(Role::Worker)
            ),
            Err(EditRefused::TooManyTargets)
        );
    }

    #[test]
    fn the_hash_text_covers_words_and_status_but_not_authorship() {
        let plan = plan_with_target();
        let mut reworded = plan.clone();
        reworded.targets[0].i_will.text.push('!');
        assert_ne!(plan.agreed_text(), reworded.agreed_text());
        let mut restyled = plan.clone();
        restyled.targets[0].i_will.by = None;
        assert_eq!(plan.agreed_text(), restyled.agreed_text());
        let mut achieved = plan.clone();
        achieved.targets[0].status = TargetStatus::Achieved;
        assert_ne!(plan.agreed_text(), achieved.agreed_text());
    }

    #[test]
    fn targets_move_one_place_and_the_move_is_a_change() {
        let mut plan = plan_with_target();
        apply_edit(
            &mut plan,
            &edit(None, &[(Part::Target, "Go to the youth centre", "")]),
            &author(Role::YoungPerson),
        )
        .expect("as the test set up");
        let before = plan.clone();
        assert_eq!(move_target(&mut plan, "t1", true), Ok(false));
        assert_eq!(move_target(&mut plan, "t2", false), Ok(false));
        assert_eq!(move_target(&mut plan, "t2", true), Ok(true));
        assert_eq!(plan.targets[0].key, "t2");
        assert_ne!(before.agreed_text(), plan.agreed_text());
        assert_eq!(
            changes(&before, &plan),
            vec![
                Change::Moved {
                    target: "Go to the youth centre".into(),
                    to: 1
                },
                Change::Moved {
                    target: "Control my anger better".into(),
                    to: 2
                },
            ]
        );
        assert_eq!(
            move_target(&mut plan, "t9", true),
            Err(EditRefused::NoSuchTarget)
        );
    }

    #[test]
    fn changes_name_each_part_that_differs() {
        let before = plan_with_target();
        let mut after = before.clone();
        apply_edit(
            &mut after,
            &edit(Some("t1"), &[(Part::CarerWill, "give space", "")]),
            &author(Role::ParentCarer),
        )
        .expect("as the test set up");
        apply_edit(
            &mut after,
            &edit(None, &[(Part::Target, "Go to the youth centre", "")]),
            &author(Role::YoungPerson),
        )
        .expect("as the test set up");
        assert_eq!(
            changes(&before, &after),
            vec![
                Change::Part {
                    target: "Control my anger better".into(),
                    part: Part::CarerWill,
                    before: String::new(),
                    after: "give space".into(),
                },
                Change::Added {
                    target: "Go to the youth centre".into()
                },
            ]
        );
        assert!(changes(&after, &after).is_empty());
    }

    fn response(who: &Party, version: u32, decision: Decision, at: &str) -> PlanResponse {
        PlanResponse {
            person: who.person,
            name: who.name.clone(),
            role: who.role,
            version,
            decision,
            comment: None,
            at: at.into(),
            hash: String::new(),
        }
    }

    #[test]
    fn status_follows_who_has_agreed_the_current_version() {
        let party = |n, role| Party {
            person: person(n),
            name: format!("p{n}"),
            role,
        };
        let (yp, mum, dad, jo) = (
            party(1, Role::YoungPerson),
            party(2, Role::ParentCarer),
            party(4, Role::ParentCarer),
            party(3, Role::Worker),
        );
        let parties = vec![yp.clone(), mum.clone(), dad.clone(), jo.clone()];
        let mut responses = vec![];
        assert_eq!(
            status(false, 1, &parties, &responses, false),
            PlanStatus::Draft
        );
        assert_eq!(
            status(true, 1, &parties, &responses, false),
            PlanStatus::WaitingForYoungPerson
        );
        responses.push(response(&yp, 1, Decision::Agree, "1"));
        responses.push(response(&mum, 1, Decision::Agree, "2"));
        assert_eq!(
            status(true, 1, &parties, &responses, false),
            PlanStatus::WaitingForCarer
        );
        responses.push(response(&dad, 1, Decision::Disagree, "3"));
        assert!(disagreement(&responses, &parties, 1));
        responses.push(response(&dad, 1, Decision::Agree, "4"));
        assert!(!disagreement(&responses, &parties, 1));
        assert_eq!(
            status(true, 1, &parties, &responses, false),
            PlanStatus::WaitingForWorker
        );
        responses.push(response(&jo, 1, Decision::Agree, "5"));
        assert_eq!(
            status(true, 1, &parties, &responses, false),
            PlanStatus::Agreed
        );
        assert_eq!(
            status(true, 1, &parties, &responses, true),
            PlanStatus::ReviewDue
        );
        // A new version: earlier agreements stay, but no longer count.
        assert_eq!(
            status(true, 2, &parties, &responses, false),
            PlanStatus::WaitingForYoungPerson
        );
        assert_eq!(agreed_earlier(&responses, yp.person, 2), Some(1));
        assert_eq!(agreed_earlier(&responses, yp.person, 1), None);
    }

    #[test]
    fn review_scores_keep_each_persons_latest_and_show_disagreement() {
        let score = |n, role, value, at: &str| ReviewScore {
            review: 1,
            target: "t1".into(),
            person: person(n),
            name: String::new(),
            role,
            score: Score::new(value).expect("as the test set up"),
            comment: None,
            at: at.into(),
        };
        let all = vec![
            score(3, Role::Worker, 4, "1"),
            score(1, Role::YoungPerson, 5, "2"),
            score(1, Role::YoungPerson, 8, "3"),
        ];
        let latest = scores_at(&all, 1, "t1");
        assert_eq!(
            latest.iter().map(|s| s.score.value()).collect::<Vec<_>>(),
            vec![8, 4]
        );
        assert!(scores_differ(&latest));
        assert!(!scores_differ(&latest[..1]));
        assert!(scores_at(&all, 2, "t1").is_empty());
    }

    #[test]
    fn reviews_fall_due_on_their_day_unless_one_is_open() {
        let d = |s| CalendarDate::parse(s).expect("as the test set up");
        assert!(review_due(Some(d("2026-11-23")), d("2026-11-23"), false));
        assert!(!review_due(Some(d("2026-11-24")), d("2026-11-23"), false));
        assert!(!review_due(Some(d("2026-11-01")), d("2026-11-23"), true));
        assert!(!review_due(None, d("2026-11-23"), false));
    }

    #[test]
    fn comments_have_limits() {
        assert_eq!(comment(Some("  "), true), Err(CommentProblem::Missing));
        assert_eq!(comment(None, false), Ok(None));
        assert_eq!(
            comment(Some(&"x".repeat(COMMENT_MAX + 1)), false),
            Err(CommentProblem::TooLong)
        );
        assert_eq!(
            comment(Some(" too fast "), true),
            Ok(Some("too fast".into()))
        );
    }
}
