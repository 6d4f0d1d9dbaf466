//! The question sets a service starts with, written at reading age 9: a pre-programme and a
//! post-programme questionnaire (the post one asks what helped and what to change), a
//! self-assessment, and end-of-intervention feedback for young people and for parents and
//! carers (0–10 scales and their own words). Each question goes through the same parsing as the manager's builder,
//! so the shipped sets keep the same limits.

use app::questionnaire::{Question, QuestionInput, SetPurpose};

pub struct LibrarySet {
    pub purpose: SetPurpose,
    pub title: &'static str,
    pub questions: Vec<Question>,
}

fn scale(text: &'static str, low: &'static str, high: &'static str) -> QuestionInput<'static> {
    QuestionInput {
        text,
        kind: "scale",
        low,
        high,
        required: true,
        ..Default::default()
    }
}

fn choice(text: &'static str, kind: &'static str, options: &'static str) -> QuestionInput<'static> {
    QuestionInput {
        text,
        kind,
        options,
        required: false,
        ..Default::default()
    }
}

fn free_text(text: &'static str) -> QuestionInput<'static> {
    QuestionInput {
        text,
        kind: "free_text",
        required: false,
        ..Default::default()
    }
}

fn numbered(inputs: Vec<QuestionInput<'static>>) -> Vec<Question> {
    inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            Question::parse(format!("q{}", i + 1), input)
                .expect("the library's questions are valid")
        })
        .collect()
}

pub fn sets() -> Vec<LibrarySet> {
    // Asked the same way before and after a programme, so the two can be compared.
    let before_and_after = [
        scale(
            "How safe do you feel where you live?",
            "0 = not safe",
            "10 = very safe",
        ),
        scale(
            "How easy is it to say no to friends?",
            "0 = very hard",
            "10 = very easy",
        ),
        scale(
            "How much do you trust the adults around you?",
            "0 = not at all",
            "10 = a lot",
        ),
    ];
    vec![
        LibrarySet {
            purpose: SetPurpose::PreProgramme,
            title: "Before the programme",
            questions: numbered(vec![
                before_and_after[0].clone(),
                before_and_after[1].clone(),
                before_and_after[2].clone(),
                choice(
                    "Who do you talk to when something is wrong?",
                    "multiple_choice",
                    "Family\nFriends\nA teacher\nMy worker\nNobody",
                ),
                free_text("What do you want to get from this programme?"),
            ]),
        },
        LibrarySet {
            purpose: SetPurpose::PostProgramme,
            title: "After the programme",
            questions: numbered(vec![
                before_and_after[0].clone(),
                before_and_after[1].clone(),
                before_and_after[2].clone(),
                choice(
                    "Would you tell a friend to do this programme?",
                    "single_choice",
                    "Yes\nMaybe\nNo",
                ),
                free_text("What helped most?"),
                free_text("What would you change?"),
            ]),
        },
        LibrarySet {
            purpose: SetPurpose::SelfAssessment,
            title: "About me",
            questions: numbered(vec![
                scale(
                    "How are things with your family?",
                    "0 = really bad",
                    "10 = really good",
                ),
                scale(
                    "How are things with your friends?",
                    "0 = really bad",
                    "10 = really good",
                ),
                scale(
                    "How are things at school or college?",
                    "0 = really bad",
                    "10 = really good",
                ),
                scale(
                    "How do you feel most days?",
                    "0 = really low",
                    "10 = really happy",
                ),
                free_text("What are you good at?"),
                free_text("Is there anything else you want your worker to know?"),
            ]),
        },
        LibrarySet {
            purpose: SetPurpose::YoungPersonFeedback,
            title: "What did you think of our work?",
            questions: numbered(vec![
                scale(
                    "How much has working with us helped you?",
                    "0 = not at all",
                    "10 = a lot",
                ),
                scale(
                    "How much did your worker listen to you?",
                    "0 = not at all",
                    "10 = all the time",
                ),
                scale(
                    "How much did you have a say in your plan?",
                    "0 = no say",
                    "10 = a big say",
                ),
                free_text("What has changed for you?"),
                free_text("What could we do better?"),
            ]),
        },
        LibrarySet {
            purpose: SetPurpose::CarerFeedback,
            title: "What did you think of our work with your family?",
            questions: numbered(vec![
                scale(
                    "How much has our work helped your family?",
                    "0 = not at all",
                    "10 = a lot",
                ),
                scale(
                    "How well did we keep you in the picture?",
                    "0 = not at all",
                    "10 = all the time",
                ),
                scale(
                    "How much were you part of making the plan?",
                    "0 = not at all",
                    "10 = fully",
                ),
                free_text("What has changed at home since we started working with you?"),
                free_text("What could we do better?"),
            ]),
        },
    ]
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
}
