//! The weather stack.
