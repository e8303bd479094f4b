//! Command-line paths that are not what they should be.
