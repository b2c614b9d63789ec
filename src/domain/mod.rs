//! Pure rules of the TAP consultation: no I/O, no clock, no database.

pub mod consultation;
pub mod deadline;
pub mod decision;
pub mod entry;
pub mod ids;
pub mod log_entry;
pub mod member_state;
pub mod receipt;
pub mod reply;
pub mod tally;
