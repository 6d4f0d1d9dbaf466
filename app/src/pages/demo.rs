//! TEMPORARY demo entry: a list of the seeded young people, so the score page can be tried
//! before sign-in exists. The identity issue removes this page and its route.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::demo::demo_young_people;
use crate::api::score_session::ScorePageAddress;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Layout;
use crate::i18n::*;
use crate::messages::error_message;

#[component]
pub fn DemoPage() -> impl IntoView {
    let i18n = use_i18n();
    let people = Resource::new(|| (), |_| demo_young_people());
    view! {
        <Title text=move || t_string!(i18n, demo_title).to_string() />
        <Layout>
            <h1>{t!(i18n, demo_title)}</h1>
            <p class="notice">{t!(i18n, demo_warning)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    match people.await {
                        Ok(people) if people.is_empty() => {
                            view! { <p>{t!(i18n, demo_empty)}</p> }.into_any()
                        }
                        Ok(people) => {
                            view! {
                                <ul class="card-list" aria-label=move || t_string!(i18n, demo_title).to_string()>
                                    {people
                                        .into_iter()
                                        .map(|person| {
                                            let link = person.next_session.map(|next| {
                                                let href = ScorePageAddress {
                                                    young_person: person.id,
                                                    cohort: next.cohort,
                                                    session: next.number,
                                                }
                                                .href();
                                                let number = next.number.value();
                                                let topic = next.topic;
                                                view! {
                                                    <a class="card__link" href=href>
                                                        {t!(i18n, demo_score_link, number, topic)}
                                                    </a>
                                                }
                                            });
                                            view! {
                                                <li class="card">
                                                    <h2 class="card__title">{person.display_name}</h2>
                                                    {match link {
                                                        Some(link) => link.into_any(),
                                                        None => {
                                                            view! { <p>{t!(i18n, demo_no_session)}</p> }
                                                                .into_any()
                                                        }
                                                    }}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorSummary error=error_message(i18n, &e) /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
