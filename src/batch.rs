//! The batch driver: many inputs in parallel, one outcome each, one report.
