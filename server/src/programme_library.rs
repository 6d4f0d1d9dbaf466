//! The programmes a service starts with: the six-session group programme on criminal
//! exploitation, a 24-week one-to-one mentoring programme and a 12-week prevention
//! programme (domain.md). Objectives are written for the young person, at reading age 9.

pub struct Template {
    pub name: &'static str,
    pub delivery: &'static str,
    pub summary: &'static str,
    /// (topic, scored, objectives), in order.
    pub sessions: Vec<(String, bool, Vec<&'static str>)>,
}

const GROUP: [(&str, bool, [&str; 3]); 6] = [
    (
        "County lines",
        true,
        [
            "Find out what county lines means",
            "Learn how people get pulled in",
            "Know who to talk to if someone asks you to carry or sell",
        ],
    ),
    (
        "Gangs and knives",
        true,
        [
            "Talk about why some people carry a knife",
            "Learn what the law says",
            "Think about safer ways to deal with fear",
        ],
    ),
    (
        "Role models and peer influences",
        true,
        [
            "Think about who you look up to and why",
            "Spot when friends push you to do things",
            "Practise ways to say no",
        ],
    ),
    (
        "Mental health and wellbeing",
        true,
        [
            "Name feelings and what sets them off",
            "Try ways to calm down",
            "Know where to get help",
        ],
    ),
    (
        "Drugs and alcohol",
        true,
        [
            "Learn facts, not myths",
            "Think about the risks for you and others",
            "Know where to get help",
        ],
    ),
    (
        "Celebration",
        false,
        [
            "Look back at what you have learned",
            "Get your certificate",
            "Have fun together",
        ],
    ),
];

/// The mentoring programme's five themes, each given several weeks.
const MENTORING: [(&str, u16, [&str; 2]); 5] = [
    (
        "Getting to know each other",
        4,
        ["Get to know your mentor", "Agree what we will do together"],
    ),
    (
        "Getting on with people",
        5,
        ["Practise talking and listening", "Try things in new places"],
    ),
    (
        "Feeling good and bouncing back",
        5,
        [
            "Notice what you are good at",
            "Find ways to cope when things go wrong",
        ],
    ),
    (
        "Family, friends and where you live",
        5,
        [
            "Think about the people around you",
            "Find good places to go",
        ],
    ),
    (
        "Hopes and plans",
        5,
        [
            "Say what you want for the future",
            "Take a first step towards it",
        ],
    ),
];

const PREVENTION: [(&str, [&str; 2]); 12] = [
    (
        "What happened and why",
        [
            "Tell your side of the story",
            "Think about what led up to it",
        ],
    ),
    (
        "Who was affected",
        ["Think about how others felt", "Think about how you felt"],
    ),
    (
        "Choices and consequences",
        [
            "Spot the moment you had a choice",
            "Think about what could happen next time",
        ],
    ),
    (
        "Staying safe online",
        [
            "Know the risks of sharing things",
            "Know how to block and report",
        ],
    ),
    (
        "Friends and pressure",
        ["Spot pressure from friends", "Practise saying no"],
    ),
    (
        "Anger and calming down",
        ["Know what makes you angry", "Try a way to calm down"],
    ),
    (
        "Drugs, alcohol and risks",
        ["Learn facts, not myths", "Know where to get help"],
    ),
    (
        "School, college and work",
        ["Think about what you enjoy", "Find one thing to try"],
    ),
    (
        "Family and home",
        ["Talk about home", "Think about what would help"],
    ),
    (
        "Putting things right",
        ["Think about making amends", "Choose something to do"],
    ),
    (
        "My strengths",
        ["Say what you are good at", "Plan how to use it"],
    ),
    (
        "Looking forward",
        ["Look back at what changed", "Make a plan for after"],
    ),
];

pub fn templates() -> Vec<Template> {
    let group = Template {
        name: "Staying safe: criminal exploitation",
        delivery: "group",
        summary: "Six weekly group sessions on exploitation, knives, peers, wellbeing and drugs, ending with a celebration.",
        sessions: GROUP
            .iter()
            .map(|(topic, scored, objectives)| (topic.to_string(), *scored, objectives.to_vec()))
            .collect(),
    };
    let mut mentoring_sessions = Vec::new();
    for (theme, weeks, objectives) in MENTORING {
        for week in 1..=weeks {
            mentoring_sessions.push((
                format!("{theme} ({week} of {weeks})"),
                true,
                objectives.to_vec(),
            ));
        }
    }
    let mentoring = Template {
        name: "Mentoring: 24 weeks",
        delivery: "one_to_one",
        summary: "Weekly one-to-one mentoring: relationships, social skills, wellbeing and resilience, family and community, aspirations.",
        sessions: mentoring_sessions,
    };
    let prevention = Template {
        name: "Prevention: 12 weeks",
        delivery: "one_to_one",
        summary: "Twelve weekly one-to-one sessions after a community resolution.",
        sessions: PREVENTION
            .iter()
            .map(|(topic, objectives)| (topic.to_string(), true, objectives.to_vec()))
            .collect(),
    };
    vec![group, mentoring, prevention]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_programmes_have_the_lengths_the_service_runs() {
        let t = templates();
        let lengths: Vec<usize> = t.iter().map(|p| p.sessions.len()).collect();
        assert_eq!(lengths, vec![6, 24, 12]);
        // Only the group programme's celebration goes unscored.
        let unscored: Vec<&str> = t
            .iter()
            .flat_map(|p| p.sessions.iter())
            .filter(|s| !s.1)
            .map(|s| s.0.as_str())
            .collect();
        assert_eq!(unscored, vec!["Celebration"]);
        assert!(t
            .iter()
            .flat_map(|p| p.sessions.iter())
            .all(|s| !s.2.is_empty()));
    }
}
