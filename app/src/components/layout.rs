//! The frame every page shares: skip link, header, quick exit and the main landmark.

use leptos::prelude::*;

use crate::api::session::{load_frame, Frame};
use crate::components::read_aloud::ReadPageAloud;
use crate::i18n::*;
use crate::language::{Language, PageLanguage};

/// The page's language and its reader's choice. Rendered on the server, where the request
/// set it (`provide_i18n_context_quietly`); the page's locale alone elsewhere.
fn page_language(i18n: leptos_i18n::I18nContext<Locale>) -> PageLanguage {
    use_context::<PageLanguage>().unwrap_or_else(|| {
        let page = Language::of_locale(i18n.get_locale_untracked());
        PageLanguage {
            chosen: page,
            page,
            parents_page: false,
        }
    })
}

/// Switches every page to another language, from any page, without JavaScript: a form
/// that comes back to the same address. Each button names its language in that language.
/// Only languages this page is written in are offered.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    let languages = page_language(i18n);
    let back = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    view! {
        <form class="language-switch" method="post" action="/api/set_language" aria-label=t_string!(i18n, language_switch_label).to_string()>
            <input type="hidden" name="back" value=back />
            {languages.offered().into_iter().map(|other| view! {
                <button class="language-switch__button" type="submit" name="language" value=other.tag() lang=other.tag() dir=other.dir()>
                    {other.own_name()}
                </button>
            }).collect_view()}
        </form>
    }
}

/// Someone who chose a language this page is not written in reads, in their language,
/// that it is in English (a parent's language on a page only staff or young people use).
fn not_in_chosen_language(languages: PageLanguage) -> Option<impl IntoView> {
    (languages.chosen != languages.page).then(|| {
        let chosen = languages.chosen;
        view! {
            <p class="language-note" lang=chosen.tag() dir=chosen.dir()>
                {td_string!(chosen.locale(), language_page_in_english)}
            </p>
        }
    })
}

/// Every page anyone but signed-in staff can open gets a quick exit to a neutral site (a
/// shared phone, someone looking over their shoulder): the home pages, and equally "What I
/// think", help, plan, scores, questionnaires, feedback, joining and the PIN page. It lives
/// here, once, so no page can be added without it.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let frame = Resource::new(|| (), |_| load_frame());
    let here = leptos_router::hooks::use_location().pathname;
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        // Above everything, where readers of any language look first; in a bar of its
        // own because a 320 px header has room only for the name and a quick exit.
        <div class="language-bar">
            <LanguageSwitch />
        </div>
        <header class="site-header">
            <a class="site-header__name" href="/">{t!(i18n, app_name)}</a>
            <Suspense>
                {move || Suspend::new(async move {
                    // When in doubt (an error), offer it: a way out must never be missing.
                    frame.await.map_or(true, |f| f.quick_exit).then(|| view! {
                        // rel="external": a full navigation, so the server ends the session on
                        // the way out; quick-exit.js also replaces this page in the history.
                        <a class="quick-exit" href="/exit" rel="external noreferrer">{t!(i18n, quick_exit)}</a>
                    })
                })}
            </Suspense>
        </header>
        <main id="main" class="page" tabindex="-1">
            {not_in_chosen_language(page_language(i18n))}
            // Communication support: the marker lets the style make everything bigger
            // (`:root:has(.support-on)`), and every page offers to read itself aloud.
            <Suspense>
                {move || Suspend::new(async move {
                    frame.await.is_ok_and(|f| f.support).then(|| view! {
                        <span class="support-on" hidden></span>
                        <div class="read-page"><ReadPageAloud /></div>
                    })
                })}
            </Suspense>
            {children()}
            // Every inner page of a young person or parent has the same way home, at the
            // end where a thumb finishes.
            <Suspense>
                {move || Suspend::new(async move {
                    let home = frame.await.ok().and_then(|f: Frame| f.home);
                    home.filter(|h| *h != here.get_untracked()).map(|h| view! {
                        <p class="home-link"><a class="button button--secondary" href=h>{t!(i18n, my_page_link)}</a></p>
                    })
                })}
            </Suspense>
            {move || {
                let note = t_string!(i18n, translation_unreviewed).to_string();
                (!note.is_empty()).then(|| view! { <p class="translation-note">{note}</p> })
            }}
        </main>
    }
}
