//! The fictional service seeded for the demo and for browser tests: a prevention team with
//! its manager, two workers, twelve young people with their parents and carers, the
//! six-session group programme on criminal exploitation and a cohort half-way through it; a
//! second team (so access between teams can be tried); an administrator; staff passwords and
//! two invitation codes (listed in the README). Every name here is made up.

/// Every demo staff account's password. Demo data only: never seeded unless asked for.
pub const STAFF_PASSWORD: &str = "waypoint-demo-2026";
/// Amara Penhallow's invitation (a young person in the group) and her father's.
pub const YOUNG_PERSON_CODE: &str = "AMARA-PENHA";
pub const CARER_CODE: &str = "CARER-PENHA";

pub(crate) const YOUNG_PEOPLE: [(&str, &str, &str, &str); 12] = [
    // (young person, family name, parent/carer, relationship)
    ("Ava", "Brightwater", "Nadia Brightwater", "mother"),
    ("Jayden", "Okonkwo-Reyes", "Tomasz Reyes", "father"),
    ("Leo", "Marchbank", "Priya Marchbank", "mother"),
    ("Maya", "Thistlewood", "Gareth Thistlewood", "grandfather"),
    ("Noah", "Quillfeather", "Sunita Quillfeather", "aunt"),
    ("Amara", "Penhallow", "Colm Penhallow", "father"),
    ("Kai", "Dunmore", "Rhiannon Dunmore", "mother"),
    ("Zara", "Holloway-Finch", "Bea Finch", "foster carer"),
    ("Tyler", "Ashcombe", "Marek Ashcombe", "father"),
    ("Ruby", "Fairweather", "Lorna Fairweather", "mother"),
    ("Elijah", "Stormont", "Ife Stormont", "mother"),
    ("Isla", "Brackenridge", "Dev Brackenridge", "step-father"),
];
