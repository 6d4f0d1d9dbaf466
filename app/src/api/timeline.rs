//! A young person's record as one timeline with charts of their scores, for the staff who
//! hold the record. Opening it is audited (as a read of the record).

use leptos::prelude::*;

use crate::error::AppError;
use crate::timeline::TimelinePage;

#[server(prefix = "/api", endpoint = "timeline")]
pub async fn load_timeline(young_person: String) -> Result<TimelinePage, AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{answer, store};
    use crate::policy::{may, Act};
    use crate::programme::Measure;
    use crate::timeline::{visible, ScoreChart};
    let result = async {
        let asker = checked::asker(&young_person, Act::ViewRecord).await?;
        let may_do = |act| may(asker.viewer.role, asker.relation, act);
        let store = store()?;
        let people = checked::people(asker.young_person).await?;
        let mut events = store
            .timeline(
                asker.young_person,
                crate::api::server_side::current_language(),
            )
            .await?;
        visible(&mut events, may_do);
        let mut charts = Vec::new();
        if may_do(Act::ViewScores) {
            for cohort in store.cohorts_of(asker.young_person).await? {
                if let Some(progress) = store
                    .progress(
                        asker.young_person,
                        cohort,
                        crate::api::server_side::current_language(),
                    )
                    .await?
                {
                    charts.push(ScoreChart {
                        cohort,
                        programme: progress.programme,
                        sessions: progress
                            .sessions
                            .into_iter()
                            .map(|(n, topic, s)| (n, topic, s.start, s.end))
                            .collect(),
                        measures: Measure::ALL
                            .into_iter()
                            .map(|m| {
                                (
                                    m,
                                    progress.programme_start.get(m),
                                    progress.programme_end.get(m),
                                )
                            })
                            .collect(),
                    });
                }
            }
        }
        Ok(TimelinePage {
            young_person: asker.young_person,
            name: people.young_person.name,
            events,
            charts,
        })
    }
    .await;
    answer(result)
}
