//! The question sets a service starts with, written at reading age 9: a pre-programme and a
//! post-programme questionnaire (the post one asks what helped and what to change), a
//! self-assessment, and end-of-intervention feedback for young people and for parents and
//! carers (0–10 scales and their own words). Each question goes through the same parsing as the manager's builder,
//! so the shipped sets keep the same limits.

use app::language::Language;
use app::questionnaire::{
    ParsedSet, Question, QuestionInput, SetPurpose, SetWording, WordingDraft, Wordings,
};

pub struct LibrarySet {
    pub purpose: SetPurpose,
    pub title: &'static str,
    pub questions: Vec<Question>,
    /// The same set in Welsh (young people are "ti", parents and carers "chi"). Drafted
    /// without a fluent speaker's review: see the README.
    pub wordings: Wordings,
}

impl LibrarySet {
    /// The set as the builder would publish it.
    pub fn content(&self) -> ParsedSet {
        ParsedSet {
            title: self.title.to_owned(),
            questions: self.questions.clone(),
            wordings: self.wordings.clone(),
        }
    }
}

/// A question in English, and its Welsh words.
#[derive(Clone)]
struct Shipped {
    english: QuestionInput<'static>,
    welsh: WordingDraft,
}

/// Words in (English, Welsh).
type Both = (&'static str, &'static str);

fn scale(text: Both, low: Both, high: Both) -> Shipped {
    Shipped {
        english: QuestionInput {
            text: text.0,
            kind: "scale",
            low: low.0,
            high: high.0,
            required: true,
            ..Default::default()
        },
        welsh: WordingDraft {
            text: text.1.into(),
            low: low.1.into(),
            high: high.1.into(),
            ..Default::default()
        },
    }
}

fn choice(text: Both, kind: &'static str, options: Both) -> Shipped {
    Shipped {
        english: QuestionInput {
            text: text.0,
            kind,
            options: options.0,
            required: false,
            ..Default::default()
        },
        welsh: WordingDraft {
            text: text.1.into(),
            options: options.1.into(),
            ..Default::default()
        },
    }
}

fn free_text(text: Both) -> Shipped {
    Shipped {
        english: QuestionInput {
            text: text.0,
            kind: "free_text",
            required: false,
            ..Default::default()
        },
        welsh: WordingDraft {
            text: text.1.into(),
            ..Default::default()
        },
    }
}

/// Parses each question, in both languages, through the builder's own checks.
fn set(purpose: SetPurpose, title: Both, shipped: Vec<Shipped>) -> LibrarySet {
    let mut welsh = SetWording {
        title: Some(title.1.into()),
        ..Default::default()
    };
    let questions = shipped
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let question = Question::parse(format!("q{}", i + 1), &q.english)
                .expect("the library's questions are valid");
            let wording = q
                .welsh
                .parse(&question)
                .expect("the library's Welsh is whole")
                .expect("every shipped question has Welsh words");
            welsh.questions.insert(question.key.clone(), wording);
            question
        })
        .collect();
    LibrarySet {
        purpose,
        title: title.0,
        questions,
        wordings: Wordings::from([(Language::Welsh, welsh)]),
    }
}

const NOT_AT_ALL: Both = ("0 = not at all", "0 = dim o gwbl");
const A_LOT: Both = ("10 = a lot", "10 = llawer");
const ALL_THE_TIME: Both = ("10 = all the time", "10 = drwy'r amser");
const REALLY_BAD: Both = ("0 = really bad", "0 = gwael iawn");
const REALLY_GOOD: Both = ("10 = really good", "10 = da iawn");
const DO_BETTER: Both = (
    "What could we do better?",
    "Beth allen ni ei wneud yn well?",
);

pub fn sets() -> Vec<LibrarySet> {
    // Asked the same way before and after a programme, so the two can be compared.
    let before_and_after = || {
        vec![
            scale(
                (
                    "How safe do you feel where you live?",
                    "Pa mor ddiogel wyt ti'n teimlo lle rwyt ti'n byw?",
                ),
                ("0 = not safe", "0 = ddim yn ddiogel"),
                ("10 = very safe", "10 = diogel iawn"),
            ),
            scale(
                (
                    "How easy is it to say no to friends?",
                    "Pa mor hawdd yw dweud na wrth ffrindiau?",
                ),
                ("0 = very hard", "0 = anodd iawn"),
                ("10 = very easy", "10 = hawdd iawn"),
            ),
            scale(
                (
                    "How much do you trust the adults around you?",
                    "Faint wyt ti'n ymddiried yn yr oedolion o dy gwmpas?",
                ),
                NOT_AT_ALL,
                A_LOT,
            ),
        ]
    };
    let mut before = before_and_after();
    before.extend([
        choice(
            (
                "Who do you talk to when something is wrong?",
                "Gyda phwy wyt ti'n siarad pan fydd rhywbeth o'i le?",
            ),
            "multiple_choice",
            (
                "Family\nFriends\nA teacher\nMy worker\nNobody",
                "Teulu\nFfrindiau\nAthro neu athrawes\nFy ngweithiwr\nNeb",
            ),
        ),
        free_text((
            "What do you want to get from this programme?",
            "Beth wyt ti eisiau ei gael o'r rhaglen hon?",
        )),
    ]);
    let mut after = before_and_after();
    after.extend([
        choice(
            (
                "Would you tell a friend to do this programme?",
                "Fyddet ti'n dweud wrth ffrind am wneud y rhaglen hon?",
            ),
            "single_choice",
            ("Yes\nMaybe\nNo", "Byddwn\nEfallai\nNa fyddwn"),
        ),
        free_text(("What helped most?", "Beth helpodd fwyaf?")),
        free_text(("What would you change?", "Beth fyddet ti'n ei newid?")),
    ]);
    vec![
        set(
            SetPurpose::PreProgramme,
            ("Before the programme", "Cyn y rhaglen"),
            before,
        ),
        set(
            SetPurpose::PostProgramme,
            ("After the programme", "Ar ôl y rhaglen"),
            after,
        ),
        set(
            SetPurpose::SelfAssessment,
            ("About me", "Amdana i"),
            vec![
                scale(
                    (
                        "How are things with your family?",
                        "Sut mae pethau gyda dy deulu?",
                    ),
                    REALLY_BAD,
                    REALLY_GOOD,
                ),
                scale(
                    (
                        "How are things with your friends?",
                        "Sut mae pethau gyda dy ffrindiau?",
                    ),
                    REALLY_BAD,
                    REALLY_GOOD,
                ),
                scale(
                    (
                        "How are things at school or college?",
                        "Sut mae pethau yn yr ysgol neu'r coleg?",
                    ),
                    REALLY_BAD,
                    REALLY_GOOD,
                ),
                scale(
                    (
                        "How do you feel most days?",
                        "Sut wyt ti'n teimlo y rhan fwyaf o ddyddiau?",
                    ),
                    ("0 = really low", "0 = isel iawn"),
                    ("10 = really happy", "10 = hapus iawn"),
                ),
                free_text(("What are you good at?", "Beth wyt ti'n dda am ei wneud?")),
                free_text((
                    "Is there anything else you want your worker to know?",
                    "Oes unrhyw beth arall rwyt ti eisiau i dy weithiwr ei wybod?",
                )),
            ],
        ),
        set(
            SetPurpose::YoungPersonFeedback,
            (
                "What did you think of our work?",
                "Beth oeddet ti'n ei feddwl o'n gwaith?",
            ),
            vec![
                scale(
                    (
                        "How much has working with us helped you?",
                        "Faint mae gweithio gyda ni wedi dy helpu di?",
                    ),
                    NOT_AT_ALL,
                    A_LOT,
                ),
                scale(
                    (
                        "How much did your worker listen to you?",
                        "Faint wnaeth dy weithiwr wrando arnat ti?",
                    ),
                    NOT_AT_ALL,
                    ALL_THE_TIME,
                ),
                scale(
                    (
                        "How much did you have a say in your plan?",
                        "Faint o lais gest ti yn dy gynllun?",
                    ),
                    ("0 = no say", "0 = dim llais"),
                    ("10 = a big say", "10 = llais mawr"),
                ),
                free_text(("What has changed for you?", "Beth sydd wedi newid i ti?")),
                free_text(DO_BETTER),
            ],
        ),
        set(
            SetPurpose::CarerFeedback,
            (
                "What did you think of our work with your family?",
                "Beth oeddech chi'n ei feddwl o'n gwaith gyda'ch teulu?",
            ),
            vec![
                scale(
                    (
                        "How much has our work helped your family?",
                        "Faint mae ein gwaith wedi helpu eich teulu?",
                    ),
                    NOT_AT_ALL,
                    A_LOT,
                ),
                scale(
                    (
                        "How well did we keep you in the picture?",
                        "Pa mor dda wnaethon ni roi gwybod i chi beth oedd yn digwydd?",
                    ),
                    NOT_AT_ALL,
                    ALL_THE_TIME,
                ),
                scale(
                    (
                        "How much were you part of making the plan?",
                        "Faint oeddech chi'n rhan o wneud y cynllun?",
                    ),
                    NOT_AT_ALL,
                    ("10 = fully", "10 = yn llawn"),
                ),
                free_text((
                    "What has changed at home since we started working with you?",
                    "Beth sydd wedi newid gartref ers i ni ddechrau gweithio gyda chi?",
                )),
                free_text(DO_BETTER),
            ],
        )
        .in_parents_languages(CARER_FEEDBACK_IN_PARENTS_LANGUAGES),
    ]
}

/// A set's words in one of a parent's languages (`Reach::ParentsPages`): its title, then
/// each question's (text, low end, high end) in the English questions' order, the ends
/// empty for a question in words.
type ParentsWords = (
    Language,
    &'static str,
    [(&'static str, &'static str, &'static str); 5],
);

/// The parents' and carers' feedback, the one set those languages' pages show. Drafted
/// without a fluent speaker's review, like the catalogues: see the README.
const CARER_FEEDBACK_IN_PARENTS_LANGUAGES: [ParentsWords; 3] = [
    (
        Language::Polish,
        "Co myślisz o naszej pracy z twoją rodziną?",
        [
            (
                "Na ile nasza praca pomogła twojej rodzinie?",
                "0 = wcale",
                "10 = bardzo",
            ),
            (
                "Jak dobrze informowaliśmy cię o tym, co się dzieje?",
                "0 = wcale",
                "10 = cały czas",
            ),
            (
                "Na ile brałeś/brałaś udział w tworzeniu planu?",
                "0 = wcale",
                "10 = w pełni",
            ),
            (
                "Co zmieniło się w domu, odkąd zaczęliśmy z wami pracować?",
                "",
                "",
            ),
            ("Co moglibyśmy robić lepiej?", "", ""),
        ],
    ),
    (
        Language::Romanian,
        "Ce credeți despre munca noastră cu familia dumneavoastră?",
        [
            (
                "Cât de mult a ajutat munca noastră familia dumneavoastră?",
                "0 = deloc",
                "10 = foarte mult",
            ),
            (
                "Cât de bine v-am ținut la curent?",
                "0 = deloc",
                "10 = tot timpul",
            ),
            (
                "Cât de mult ați participat la realizarea planului?",
                "0 = deloc",
                "10 = complet",
            ),
            (
                "Ce s-a schimbat acasă de când am început să lucrăm cu dumneavoastră?",
                "",
                "",
            ),
            ("Ce am putea face mai bine?", "", ""),
        ],
    ),
    (
        Language::Urdu,
        "آپ کے خاندان کے ساتھ ہمارے کام کے بارے میں آپ کیا سوچتے ہیں؟",
        [
            (
                "ہمارے کام سے آپ کے خاندان کی کتنی مدد ہوئی؟",
                "0 = بالکل نہیں",
                "10 = بہت زیادہ",
            ),
            (
                "ہم نے آپ کو کتنی اچھی طرح باخبر رکھا؟",
                "0 = بالکل نہیں",
                "10 = ہر وقت",
            ),
            (
                "منصوبہ بنانے میں آپ کتنے شامل تھے؟",
                "0 = بالکل نہیں",
                "10 = پوری طرح",
            ),
            (
                "ہمارے آپ کے ساتھ کام شروع کرنے کے بعد گھر میں کیا بدلا ہے؟",
                "",
                "",
            ),
            ("ہم کیا بہتر کر سکتے ہیں؟", "", ""),
        ],
    ),
];

impl LibrarySet {
    /// Adds the set's words in a parent's languages, each question through the builder's
    /// own checks (so a missing scale end fails here, not on a parent's phone).
    fn in_parents_languages<const N: usize>(mut self, words: [ParentsWords; N]) -> Self {
        for (language, title, questions) in words {
            assert_eq!(
                questions.len(),
                self.questions.len(),
                "{language:?}: one line for each question"
            );
            let mut wording = SetWording {
                title: Some(title.into()),
                ..Default::default()
            };
            for (question, (text, low, high)) in self.questions.iter().zip(questions) {
                let draft = WordingDraft {
                    text: text.into(),
                    low: low.into(),
                    high: high.into(),
                    ..Default::default()
                };
                let worded = draft
                    .parse(question)
                    .expect("the library's words are whole")
                    .expect("every shipped question has words");
                wording.questions.insert(question.key.clone(), worded);
            }
            self.wordings.insert(language, wording);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::questionnaire::QuestionKind;

    #[test]
    fn the_post_programme_questionnaire_asks_what_helped_and_what_to_change() {
        let sets = sets();
        assert_eq!(
            sets.len(),
            SetPurpose::ALL.len(),
            "one shipped set for each purpose"
        );
        let post = sets
            .iter()
            .find(|s| s.purpose == SetPurpose::PostProgramme)
            .expect("post");
        let free: Vec<&str> = post
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::FreeText)
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(free, vec!["What helped most?", "What would you change?"]);
        let pre = sets
            .iter()
            .find(|s| s.purpose == SetPurpose::PreProgramme)
            .expect("pre");
        assert_eq!(
            pre.questions[..3],
            post.questions[..3],
            "the same scales before and after, under the same keys"
        );
        // Keys are unique within each set.
        for set in &sets {
            let mut keys: Vec<&str> = set.questions.iter().map(|q| q.key.as_str()).collect();
            keys.dedup();
            assert_eq!(keys.len(), set.questions.len());
        }
    }

    /// The parents' and carers' feedback is whole in each parent's language (every
    /// question worded, the title too), so their feedback page is never half English; the
    /// young people's sets are in English and Welsh only.
    #[test]
    fn the_carers_feedback_is_in_every_parents_language() {
        use app::language::Reach;
        for set in sets() {
            let languages: Vec<Language> = set.wordings.keys().copied().collect();
            let parents: Vec<Language> = Language::ALL
                .into_iter()
                .filter(|l| l.reach() == Reach::ParentsPages)
                .collect();
            if set.purpose == SetPurpose::CarerFeedback {
                for language in parents {
                    let words = &set.wordings[&language];
                    assert!(words.title.is_some(), "{language:?} title");
                    assert_eq!(words.questions.len(), set.questions.len(), "{language:?}");
                }
                assert_eq!(languages.len(), 4);
            } else {
                assert_eq!(languages, vec![Language::Welsh], "{:?}", set.purpose);
            }
        }
    }
}
