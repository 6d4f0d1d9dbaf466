//! Sign-in (issue 4). So far the building blocks, not yet wired to pages: staff passwords
//! (rules and hashing), the one-time invitation codes young people and parents/carers
//! redeem on their own phones, the PIN they then choose, and the device credential.

pub mod device;
pub mod invitation;
pub mod password;
pub mod pin;
