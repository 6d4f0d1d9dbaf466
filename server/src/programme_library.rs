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

/// The library in Welsh, by its English words. Drafted without a fluent speaker's review
/// (see the README); young people are addressed as "ti".
const WELSH: &[(&str, &str)] = &[
    ("Staying safe: criminal exploitation", "Cadw'n ddiogel: camfanteisio troseddol"),
    ("Mentoring: 24 weeks", "Mentora: 24 wythnos"),
    ("Prevention: 12 weeks", "Atal: 12 wythnos"),
    (
        "Six weekly group sessions on exploitation, knives, peers, wellbeing and drugs, ending with a celebration.",
        "Chwe sesiwn grŵp wythnosol ar gamfanteisio, cyllyll, cyfoedion, lles a chyffuriau, yn gorffen gyda dathliad.",
    ),
    (
        "Weekly one-to-one mentoring: relationships, social skills, wellbeing and resilience, family and community, aspirations.",
        "Mentora un i un bob wythnos: perthnasoedd, sgiliau cymdeithasol, lles a gwydnwch, teulu a chymuned, dyheadau.",
    ),
    (
        "Twelve weekly one-to-one sessions after a community resolution.",
        "Deuddeg sesiwn un i un wythnosol ar ôl datrysiad cymunedol.",
    ),
    ("County lines", "Llinellau sirol (county lines)"),
    ("Find out what county lines means", "Dysgu beth mae llinellau sirol yn ei olygu"),
    ("Learn how people get pulled in", "Dysgu sut mae pobl yn cael eu tynnu i mewn"),
    (
        "Know who to talk to if someone asks you to carry or sell",
        "Gwybod gyda phwy i siarad os bydd rhywun yn gofyn i ti gario neu werthu",
    ),
    ("Gangs and knives", "Gangiau a chyllyll"),
    ("Talk about why some people carry a knife", "Siarad am pam mae rhai pobl yn cario cyllell"),
    ("Learn what the law says", "Dysgu beth mae'r gyfraith yn ei ddweud"),
    ("Think about safer ways to deal with fear", "Meddwl am ffyrdd mwy diogel o ddelio ag ofn"),
    ("Role models and peer influences", "Pobl i'w hedmygu a dylanwad ffrindiau"),
    ("Think about who you look up to and why", "Meddwl am bwy rwyt ti'n eu hedmygu a pham"),
    ("Spot when friends push you to do things", "Sylwi pan fydd ffrindiau'n dy wthio i wneud pethau"),
    ("Practise ways to say no", "Ymarfer ffyrdd o ddweud na"),
    ("Mental health and wellbeing", "Iechyd meddwl a lles"),
    ("Name feelings and what sets them off", "Enwi teimladau a beth sy'n eu sbarduno"),
    ("Try ways to calm down", "Rhoi cynnig ar ffyrdd o dawelu"),
    ("Know where to get help", "Gwybod ble i gael help"),
    ("Drugs and alcohol", "Cyffuriau ac alcohol"),
    ("Learn facts, not myths", "Dysgu ffeithiau, nid mythau"),
    ("Think about the risks for you and others", "Meddwl am y peryglon i ti ac i eraill"),
    ("Celebration", "Dathlu"),
    ("Look back at what you have learned", "Edrych yn ôl ar beth rwyt ti wedi'i ddysgu"),
    ("Get your certificate", "Cael dy dystysgrif"),
    ("Have fun together", "Cael hwyl gyda'n gilydd"),
    ("Getting to know each other", "Dod i adnabod ein gilydd"),
    ("Get to know your mentor", "Dod i adnabod dy fentor"),
    ("Agree what we will do together", "Cytuno beth byddwn ni'n ei wneud gyda'n gilydd"),
    ("Getting on with people", "Dod ymlaen gyda phobl"),
    ("Practise talking and listening", "Ymarfer siarad a gwrando"),
    ("Try things in new places", "Rhoi cynnig ar bethau mewn lleoedd newydd"),
    ("Feeling good and bouncing back", "Teimlo'n dda a dod yn ôl yn gryf"),
    ("Notice what you are good at", "Sylwi ar beth rwyt ti'n dda am ei wneud"),
    (
        "Find ways to cope when things go wrong",
        "Dod o hyd i ffyrdd o ymdopi pan fydd pethau'n mynd o chwith",
    ),
    ("Family, friends and where you live", "Teulu, ffrindiau a lle rwyt ti'n byw"),
    ("Think about the people around you", "Meddwl am y bobl o dy gwmpas"),
    ("Find good places to go", "Dod o hyd i lefydd da i fynd"),
    ("Hopes and plans", "Gobeithion a chynlluniau"),
    ("Say what you want for the future", "Dweud beth rwyt ti eisiau ar gyfer y dyfodol"),
    ("Take a first step towards it", "Cymryd cam cyntaf tuag ato"),
    ("What happened and why", "Beth ddigwyddodd a pham"),
    ("Tell your side of the story", "Dweud dy ochr di o'r stori"),
    ("Think about what led up to it", "Meddwl am beth arweiniodd ato"),
    ("Who was affected", "Pwy gafodd eu heffeithio"),
    ("Think about how others felt", "Meddwl am sut roedd eraill yn teimlo"),
    ("Think about how you felt", "Meddwl am sut roeddet ti'n teimlo"),
    ("Choices and consequences", "Dewisiadau a chanlyniadau"),
    ("Spot the moment you had a choice", "Sylwi ar yr eiliad pan oedd gen ti ddewis"),
    ("Think about what could happen next time", "Meddwl am beth allai ddigwydd y tro nesaf"),
    ("Staying safe online", "Cadw'n ddiogel ar-lein"),
    ("Know the risks of sharing things", "Gwybod y peryglon o rannu pethau"),
    ("Know how to block and report", "Gwybod sut i flocio ac adrodd"),
    ("Friends and pressure", "Ffrindiau a phwysau"),
    ("Spot pressure from friends", "Sylwi ar bwysau gan ffrindiau"),
    ("Practise saying no", "Ymarfer dweud na"),
    ("Anger and calming down", "Dicter a thawelu"),
    ("Know what makes you angry", "Gwybod beth sy'n dy wneud yn ddig"),
    ("Try a way to calm down", "Rhoi cynnig ar ffordd o dawelu"),
    ("Drugs, alcohol and risks", "Cyffuriau, alcohol a pheryglon"),
    ("School, college and work", "Ysgol, coleg a gwaith"),
    ("Think about what you enjoy", "Meddwl am beth rwyt ti'n ei fwynhau"),
    ("Find one thing to try", "Dod o hyd i un peth i roi cynnig arno"),
    ("Family and home", "Teulu a chartref"),
    ("Talk about home", "Siarad am gartref"),
    ("Think about what would help", "Meddwl am beth fyddai'n helpu"),
    ("Putting things right", "Unioni pethau"),
    ("Think about making amends", "Meddwl am wneud iawn"),
    ("Choose something to do", "Dewis rhywbeth i'w wneud"),
    ("My strengths", "Fy nghryfderau"),
    ("Say what you are good at", "Dweud beth rwyt ti'n dda am ei wneud"),
    ("Plan how to use it", "Cynllunio sut i'w ddefnyddio"),
    ("Looking forward", "Edrych ymlaen"),
    ("Look back at what changed", "Edrych yn ôl ar beth newidiodd"),
    ("Make a plan for after", "Gwneud cynllun ar gyfer wedyn"),
];

/// The Welsh for the library's English words: a programme's name or summary, a session's
/// topic ("Hopes and plans (2 of 5)" included) or an objective. `None` for anything the
/// library did not ship, such as a programme a service added itself.
pub fn welsh(english: &str) -> Option<String> {
    let found = |words: &str| WELSH.iter().find(|(en, _)| *en == words).map(|(_, cy)| *cy);
    if let Some(cy) = found(english) {
        return Some(cy.to_owned());
    }
    // A mentoring week: "Theme (n of m)".
    let (theme, week) = english.strip_suffix(')')?.rsplit_once(" (")?;
    let (n, m) = week.split_once(" of ")?;
    let (n, m) = (n.parse::<u16>().ok()?, m.parse::<u16>().ok()?);
    Some(format!("{} ({n} o {m})", found(theme)?))
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

    /// Welsh pages never fall back to English for what Waypoint ships.
    #[test]
    fn every_shipped_word_has_welsh() {
        for programme in templates() {
            for words in [programme.name, programme.summary] {
                assert!(welsh(words).is_some(), "no Welsh for {words:?}");
            }
            for (topic, _, objectives) in &programme.sessions {
                assert!(welsh(topic).is_some(), "no Welsh for {topic:?}");
                for objective in objectives {
                    assert!(welsh(objective).is_some(), "no Welsh for {objective:?}");
                }
            }
        }
        assert_eq!(
            welsh("Hopes and plans (2 of 5)").as_deref(),
            Some("Gobeithion a chynlluniau (2 o 5)")
        );
        assert_eq!(welsh("A programme of our own"), None);
        assert_eq!(welsh("Hopes and plans (x of 5)"), None);
    }
}
