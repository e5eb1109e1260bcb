//! Glossary: terms, matching, occurrences.
