//! "Words we use": the justice words a young person meets, each in plain words, in the
//! page's language. Communication support explains the same words where they appear; this
//! page has them all, for anyone.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::layout::Layout;
use crate::i18n::*;
use crate::support::GLOSSARY;

#[component]
pub fn WordsPage() -> impl IntoView {
    let i18n = use_i18n();
    let language = crate::language::of_page();
    view! {
        <Title text=t_string!(i18n, glossary_title).to_string() />
        <Layout>
            <h1>{t!(i18n, glossary_title)}</h1>
            <p>{t!(i18n, glossary_intro)}</p>
            <dl class="glossary">
                {GLOSSARY.iter().map(|term| view! {
                    <dt id=term.id>{term.word(language)}</dt>
                    <dd>{term.meaning(language)}</dd>
                }).collect_view()}
            </dl>
        </Layout>
    }
}
