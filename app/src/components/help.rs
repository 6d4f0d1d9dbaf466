//! Getting help now: who to call, and the one-tap "I need to talk to someone now" button
//! that tells the young person's worker. Shown at the top of "What I think", on the young
//! person's home page and on the help page.

use leptos::prelude::*;

use crate::i18n::*;
use crate::ids::PersonId;

/// What to do now, with every number and address a link a thumb can press.
#[component]
pub fn HelpLines() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="help-lines">
            <p><strong>{t!(i18n, help_danger)}</strong>" "<a class="help-lines__number" href="tel:999">"999"</a></p>
            <p>{t!(i18n, help_childline)}" "<a class="help-lines__number" href="tel:08001111">"0800 1111"</a></p>
            <p>
                {t!(i18n, help_childline_more)}" "
                <a class="help-lines__link" href="https://www.childline.org.uk/" rel="external noreferrer">"childline.org.uk"</a>
            </p>
            <p><a class="help-lines__link" href="sms:85258?body=SHOUT">{t!(i18n, help_shout)}</a></p>
        </div>
    }
}

/// One tap: an urgent entry with nothing else, which reaches the worker at once and opens
/// the help page. A plain form post, so it works before the page's script has loaded and
/// without JavaScript; the key makes a double press (or the offline queue's resend) one
/// entry. Words can be added afterwards, never required first.
#[component]
pub fn UrgentHelpButton(young_person: PersonId, key: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form class="urgent-help" method="post" action="/api/write_entry" data-queue="true">
            <input type="hidden" name="young_person" value=young_person.to_string() />
            <input type="hidden" name="urgent" value="yes" />
            <input type="hidden" name="key" value=key />
            <button class="button button--urgent" type="submit" aria-describedby="urgent-help-hint">
                {t!(i18n, help_button)}
            </button>
            <p class="hint" id="urgent-help-hint">{t!(i18n, help_button_hint)}</p>
        </form>
    }
}
