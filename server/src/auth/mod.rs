//! Sign-in (issue 4). So far: staff passwords (rules and hashing) and the one-time
//! invitation codes that young people and parents/carers redeem on their own phones.

pub mod invitation;
pub mod password;
